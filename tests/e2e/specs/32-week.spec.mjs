// The rep's week in the real window: two customers planned for today get agreed times and the
// day's schedule warns that they overlap; ordering by area keeps both; a LINE ID typed on a card
// shows beside its phone; the superior records the review of today's report. Then the day, the
// week, the daily report and a card's messaging IDs in each language.
import { expect } from "@wdio/globals";
import {
  byTestId,
  dismissNotices,
  goTo,
  openCard,
  reveal,
  screenshot,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

/** Sets a time input as a picker would, and tells Svelte. */
const setTime = (testid, value) =>
  browser.execute(
    (id, v) => {
      const input = document.querySelector(`[data-testid="${id}"]`);
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    testid,
    value,
  );

const row = (name) =>
  $(`//*[@data-testid="planned-visit"][.//button[text()="${name}"]]`);

let planned = [];

describe("the rep's week in the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
  });

  it("gives two of today's visits agreed times and the day's schedule warns that they overlap", async () => {
    await goTo("visits");
    await byTestId("span-day").click();
    await byTestId("day-schedule").waitForDisplayed();
    await byTestId("candidate").waitForDisplayed();
    planned = [];
    for (const candidate of await $$('[data-testid="candidate"]')) {
      if (planned.length === 2) break;
      const add = candidate.$('[data-testid="add-visit"]');
      if (!(await add.isEnabled())) continue;
      planned.push(await candidate.$("button.link").getText());
      await add.click();
    }
    if (planned.length !== 2)
      throw new Error(`two candidates to plan, found ${planned.length}`);
    for (const [n, name] of planned.entries()) {
      await row(name).waitForDisplayed();
      await row(name).$('[data-testid="edit-appointment"]').click();
      await byTestId("appointment-dialog").waitForDisplayed();
      await setTime("appointment-time", n === 0 ? "10:00" : "10:30");
      if (n === 0) await byTestId("appointment-confirmed").click();
      await byTestId("appointment-save").click();
      await byTestId("appointment-dialog").waitForDisplayed({ reverse: true });
    }
    await expect(
      row(planned[0]).$('[data-testid="visit-confirmed"]'),
    ).toHaveAttribute("data-confirmed", "true");
    await expect(
      row(planned[1]).$('[data-testid="visit-confirmed"]'),
    ).toHaveAttribute("data-confirmed", "false");
    for (const name of planned) {
      await row(name).$('[data-testid="visit-overlap"]').waitForDisplayed();
    }
    const texts = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="schedule-block"]')].map(
        (b) => b.textContent,
      ),
    );
    const overlapping = texts.filter((text) =>
      planned.some((name) => text.includes(name)),
    );
    if (
      overlapping.length !== 2 ||
      !overlapping.every((t) => t.includes("時間が重複"))
    ) {
      throw new Error(
        `both blocks marked as overlapping: ${JSON.stringify(overlapping)}`,
      );
    }
    await byTestId("order-by-area").click();
    for (const name of planned) await row(name).waitForDisplayed();
    // The brief shows the appointment and sends it alone to a calendar.
    await row(planned[0]).$('[data-testid="open-brief"]').click();
    const appointment = byTestId("brief-appointment");
    await appointment.waitForDisplayed();
    await expect(appointment).toHaveText(
      expect.stringContaining("10:00–11:00"),
    );
    await expect(byTestId("brief-ics")).toBeEnabled();
    await screenshot("ja-brief-appointment");
  });

  it("keeps a LINE ID on a card and shows it to copy or open", async () => {
    await openCard(planned[0]);
    await typeInto("card-form", "messaging.line", "aoba_sales01");
    await byTestId("save-card").click();
    await byTestId("unsaved").waitForDisplayed({ reverse: true });
    const links = byTestId("messaging-links");
    await links.waitForDisplayed();
    await expect(links).toHaveText(expect.stringContaining("aoba_sales01"));
    await links.$('[data-testid="messaging-open"]').click();
    await expect(byTestId("link-target")).toHaveText(
      "https://line.me/R/ti/p/~aoba_sales01",
    );
    await browser.keys("Escape");
    await byTestId("link-dialog").waitForDisplayed({ reverse: true });
    // The superior's weekly check of the card, by name, today.
    await byTestId("card-check-open").click();
    await byTestId("card-check-checker").setValue("佐藤 課長");
    await byTestId("card-check-comment").setValue(
      "キーパーソンの役職を更新すること",
    );
    await byTestId("card-check-save").click();
    await expect(byTestId("card-check")).toHaveText(
      expect.stringContaining("佐藤 課長"),
    );
    await reveal("card-checks");
    await screenshot("ja-card-check");
  });

  it("records the superior's review of today's report", async () => {
    await goTo("daily");
    await byTestId("daily-figures").waitForDisplayed();
    await byTestId("daily-reviewer").setValue("佐藤 課長");
    await byTestId("daily-comment-input").setValue(
      "回答期限を確認してください",
    );
    await byTestId("daily-review-save").click();
    await expect(byTestId("daily-reviewed")).toHaveText(
      expect.stringContaining("佐藤 課長"),
    );
    await expect(byTestId("daily-comment")).toHaveText(
      "回答期限を確認してください",
    );
  });

  it("sends notes to the superior's queue and records the judgement", async () => {
    await goTo("notes");
    await byTestId("note-row").waitForDisplayed();
    await byTestId("notes-filter-awaiting").click();
    const first = $('[data-testid="note-row"]');
    await first.$('[data-testid="note-judge"]').click();
    await first
      .$('[data-testid="note-judgement-input"]')
      .setValue("次回の訪問で確認すること");
    await first.$('[data-testid="note-judge-save"]').click();
    // Judged, it leaves the queue; without the filter it shows its judgement.
    await byTestId("notes-filter-awaiting").click();
    const judged = $(
      `//*[@data-testid="note-judgement"][contains(., "次回の訪問で確認すること")]`,
    );
    await judged.waitForDisplayed();
    await screenshot("ja-notes-judged");
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the day's schedule, the week, the daily report and messaging IDs in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("visits");
      await byTestId("span-day").click();
      await byTestId("day-schedule").waitForDisplayed();
      await screenshot(`${lang}-visit-day`);
      await byTestId("span-week").click();
      await byTestId("open-day").waitForDisplayed();
      await screenshot(`${lang}-visit-week`);
      await goTo("daily");
      await byTestId("daily-reviewed").waitForDisplayed();
      await screenshot(`${lang}-daily`);
      await openCard(planned[0]);
      await byTestId("messaging-links").waitForDisplayed();
      await reveal("messaging-links");
      await screenshot(`${lang}-card-messaging`);
    });
  }
});
