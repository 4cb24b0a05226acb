// The manager's review in the real window: the Dashboard's customers kept and lost (the lost open
// in the card list) and the size × price-mix grid; a competitor's page lists the customers using
// its products, the least satisfied first; one meeting is logged with several ticked customers at
// once. Then each screen in every language.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@wdio/globals";
import {
  byTestId,
  dismissNotices,
  goTo,
  reveal,
  screenshot,
  setLanguage,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-review-"));

/** Clicked in the page: WebDriver's click scrolls the whole shell out of the window first. */
const click = (selector) =>
  browser.execute((s) => document.querySelector(s).click(), selector);
const rowCount = () =>
  browser.execute(
    () => document.querySelectorAll('[data-testid="card-row"]').length,
  );

async function openCompetitor() {
  await goTo("competition");
  await byTestId("tab-competitors").click();
  await byTestId("competitor-row").waitForExist();
  // The competitor whose products most customers use.
  await click('[data-testid="competitor-row"]');
  await byTestId("competitor-page").waitForDisplayed();
  await byTestId("competitor-users").waitForExist();
}

describe("the manager's review in the real window", () => {
  before(async () => {
    await startInJapanese(out);
  });

  it("counts last period's buyers kept and lost, and opens the lost in the card list", async () => {
    await goTo("dashboard");
    await byTestId("retention-panel").waitForExist();
    await browser.waitUntil(
      async () => await byTestId("retention-lost").isExisting(),
      { timeoutMsg: "no buyers to compare" },
    );
    const lost = Number(
      (await byTestId("retention-lost").getText())
        .match(/\d[\d,]*/)[0]
        .replace(/,/g, ""),
    );
    await dismissNotices();
    await reveal("retention-panel");
    await screenshot("ja-dashboard-retention");
    await click('[data-testid="retention-list"]');
    await byTestId("cards-page").waitForDisplayed();
    await browser.waitUntil(async () => (await rowCount()) > 0);
    const total = Number(
      (await byTestId("card-count").getText()).replace(/[^\d]/g, ""),
    );
    expect(total).toBe(lost);
    await click('[data-testid="clear-chart-filter"]');
  });

  it("classes the buyers by size and price mix at once", async () => {
    await goTo("dashboard");
    await reveal("segments-panel");
    await click('[data-testid="segment-scale"] input');
    await byTestId("scale-grid").waitForExist();
    expect((await $$('[data-testid="scale-row"]')).length).toBeGreaterThan(0);
    await reveal("segments-panel");
    await screenshot("ja-dashboard-scale-grid");
  });

  it("lists a competitor's customers, the least satisfied first", async () => {
    await openCompetitor();
    await reveal("competitor-users");
    await screenshot("ja-competitor-users");
  });

  it("logs one meeting with several ticked customers", async () => {
    await goTo("cards");
    await browser.waitUntil(async () => (await rowCount()) >= 3);
    const ticked = await browser.execute(() => {
      const boxes = [
        ...document.querySelectorAll('[data-testid="card-select"]'),
      ].slice(0, 3);
      boxes.forEach((b) => b.click());
      return boxes.length;
    });
    expect(ticked).toBe(3);
    await byTestId("bulk-log-contact").waitForDisplayed();
    await click('[data-testid="bulk-log-contact"]');
    await byTestId("many-contact-dialog").waitForDisplayed();
    const purpose = await $(
      '[data-testid="many-contact-dialog"] [data-field="purpose"] input',
    );
    await purpose.setValue("取引先会議（冬）");
    await screenshot("ja-bulk-meeting");
    await click(
      '[data-testid="many-contact-dialog"] [data-testid="save-contact"]',
    );
    await byTestId("many-contact-dialog").waitForDisplayed({ reverse: true });
    await browser.waitUntil(
      () =>
        browser.execute(() =>
          [...document.querySelectorAll(".notice, [role=status]")].some((n) =>
            n.textContent.includes("3 枚"),
          ),
        ),
      {
        timeoutMsg: "no notice of the three cards",
      },
    );
    await click('[data-testid="bulk-clear"]');
  });

  for (const [lang, cardsLabel] of [
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the review in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("dashboard");
      await reveal("retention-panel");
      await screenshot(`${lang}-dashboard-retention`);
      await click('[data-testid="segment-scale"] input');
      await byTestId("scale-grid").waitForExist();
      await reveal("segments-panel");
      await screenshot(`${lang}-dashboard-scale-grid`);
      await openCompetitor();
      await reveal("competitor-users");
      await screenshot(`${lang}-competitor-users`);
    });
  }
});
