// Reminders in the real window: what is due greets the rep when the window opens, the sidebar
// counts it, a decision meeting entered on a card comes up on the Follow-ups page and "done" puts
// it away, and each kind's lead time is set in Settings. Then the page in each language.
import { expect } from "@wdio/globals";
import {
  byTestId,
  dayFromToday,
  dismissNotices,
  goTo,
  reveal,
  screenshot,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

const NAME = "北辰精工株式会社";

describe("reminders in the real window", () => {
  before(async () => {
    await openLedger();
  });

  it("greets what is due when the window opens and counts the reminders in the sidebar", async () => {
    // The demo lives today: some birthdays, renewals and meetings fall in the past week.
    await byTestId("glance").waitForDisplayed();
    await byTestId("follow-ups-count").waitForDisplayed();
    const count = byTestId("follow-ups-count");
    const [overdue, due] = [
      Number(await count.getAttribute("data-overdue")),
      Number(await count.getAttribute("data-reminders")),
    ];
    expect(due).toBeGreaterThan(0);
    expect(Number(await count.getText())).toBe(overdue + due);
    await screenshot("en-glance");
    await byTestId("glance-open").click();
    await byTestId("reminders").waitForDisplayed();
    await expect(byTestId("glance")).not.toBeDisplayed();
  });

  it("brings up a decision meeting entered on a card, and done puts it away", async () => {
    await setLanguage("ja", "顧客カード");
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await typeInto("card-form", "name", NAME);
    await typeInto(
      "card-form",
      "organisation.decision_meeting_on",
      await dayFromToday(3),
    );
    await byTestId("save-card").click();
    await expect(byTestId("card-title")).toHaveText(NAME);

    await goTo("follow_ups");
    // The meeting is days away: further down than the soonest few.
    const more = await $$('[data-testid="reminders-all"]');
    if (more.length > 0) await more[0].click();
    const mine = $(
      `//*[@data-testid="reminders"]//li[.//button[text()="${NAME}"]]`,
    );
    await mine.waitForDisplayed();
    await expect(mine).toHaveText(expect.stringContaining("意思決定の会議"));
    await expect(mine).toHaveText(expect.stringContaining("あと3日"));
    await mine.$('[data-testid="reminder-done"]').click();
    await mine.waitForDisplayed({ reverse: true });
  });

  it("keeps each kind's lead time and the markets' greetings in Settings", async () => {
    await goTo("settings");
    await reveal("reminder-settings");
    const lead = await byTestId("lead-decision_meeting");
    await lead.clearValue();
    await lead.setValue("30");
    await byTestId("greeting-ko").click();
    await byTestId("reminders-save").click();
    await browser.waitUntil(
      async () => !(await byTestId("reminders-save").isEnabled()),
      { timeoutMsg: "the lead times were not saved" },
    );
    const kept = await browser.execute(() =>
      window.__TAURI_INTERNALS__.invoke("app_info"),
    );
    expect(kept.settings.reminder_leads.decision_meeting).toBe(30);
    expect(kept.settings.greeting_markets).toEqual(["ko"]);
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the reminders and their settings in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("follow_ups");
      await byTestId("reminder").waitForDisplayed();
      await screenshot(`${lang}-reminders`);
      await goTo("settings");
      await reveal("reminder-settings");
      await screenshot(`${lang}-settings-reminders`);
    });
  }
});
