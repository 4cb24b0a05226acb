// The sales plan in the real window: the demo's plan for this fiscal year against what was sold;
// a territory's line raised from last year's results; the plan report exported, and its Targets
// sheet imported back; a hand-made sheet with bad rows refused whole, each row named; the
// dashboard's plan panel and a key customer's own target on their card. Then the plan page and
// the dashboard's panel, its segments and the collection page's monthly balance in each language.
import { mkdtempSync, writeFileSync } from "node:fs";
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

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-plan-"));

/** The text of every plan line's row, through the page (one call, no stale elements). */
const lineTexts = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="plan-line"]')].map(
      (r) => r.textContent ?? "",
    ),
  );

describe("the sales plan in the real window", () => {
  before(async () => {
    await startInJapanese(out);
  });

  it("shows this fiscal year's plan against what was sold, line by line", async () => {
    await goTo("plan");
    await byTestId("plan-lines").waitForDisplayed();
    await expect(byTestId("plan-year")).toHaveText(
      expect.stringContaining("年度"),
    );
    const rows = await lineTexts();
    if (rows.length < 5)
      throw new Error(
        `the demo's plan has lines for territories, reps and customers: ${rows.length}`,
      );
    await expect(byTestId("plan-rate")).toHaveText(
      expect.stringMatching(/\d+%/),
    );
    await byTestId("plan-bars").waitForDisplayed();
    await dismissNotices();
    await screenshot("ja-plan");
  });

  it("raises a territory's line to last year + 10% and the line shows the new target", async () => {
    const before = await lineTexts();
    const territory = $(
      `//tbody[.//th[text()="地区"]]//*[@data-testid="plan-line"]`,
    );
    await territory.$('[data-testid="plan-line-edit"]').click();
    await byTestId("plan-line-dialog").waitForDisplayed();
    // Last year's figures come under the months before "fill" is offered.
    await browser.waitUntil(async () => byTestId("plan-grow").isEnabled());
    await byTestId("plan-percent").setValue("10");
    await byTestId("plan-grow").click();
    await expect(byTestId("plan-sum")).toHaveText(
      expect.stringContaining("年間"),
    );
    await screenshot("ja-plan-line-dialog");
    await byTestId("plan-line-save").click();
    await byTestId("plan-line-dialog").waitForDisplayed({ reverse: true });
    await browser.waitUntil(
      async () => JSON.stringify(await lineTexts()) !== JSON.stringify(before),
      {
        timeoutMsg: "the territory's line did not change",
      },
    );
  });

  it("exports the plan report and imports its Targets sheet back", async () => {
    await byTestId("plan-export").click();
    const done = byTestId("export-done");
    await done.waitForDisplayed({ timeout: 30000 });
    const file = await byTestId("export-path").getText();
    await byTestId("plan-import").click();
    await byTestId("plan-import-dialog").waitForDisplayed();
    await byTestId("plan-import-path").setValue(file);
    await byTestId("plan-import-check").click();
    await expect(byTestId("plan-import-ready")).toHaveText(
      expect.stringContaining("行を保存します"),
    );
    await byTestId("plan-import-start").click();
    await byTestId("plan-import-dialog").waitForDisplayed({ reverse: true });
  });

  it("refuses a hand-made sheet with bad rows whole, naming each row", async () => {
    // Twelve months from the month the ledger's fiscal year starts in.
    const first = Number(await byTestId("plan-first-month").getValue());
    const months = Array.from({ length: 12 }, (_, i) => {
      const m = first - 1 + i;
      return `${2026 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    });
    const sheet = path.join(out, "bad-plan.csv");
    writeFileSync(
      sheet,
      [
        [
          "対象",
          "地区・担当者・分類",
          "顧客コード",
          ...months,
          "達成の方策",
        ].join(","),
        ["地区", "首都圏", "", ...Array(12).fill("100000"), ""].join(","),
        ["支店", "大阪", "", ...Array(12).fill("1"), ""].join(","),
        ["顧客", "", "C-999999", ...Array(12).fill("1"), ""].join(","),
      ].join("\n"),
    );
    await byTestId("plan-import").click();
    await byTestId("plan-import-path").setValue(sheet);
    await byTestId("plan-import-check").click();
    await byTestId("plan-import-refused").waitForDisplayed();
    const problems = await $$('[data-testid="plan-import-problem"]');
    if (problems.length < 2)
      throw new Error(`each bad row named: ${problems.length}`);
    await expect(problems[0]).toHaveText(expect.stringContaining("3 行目"));
    await expect(byTestId("plan-import-start")).toBeDisabled();
    await screenshot("ja-plan-import-refused");
    await browser.keys("Escape");
    await byTestId("plan-import-dialog").waitForDisplayed({ reverse: true });
  });

  it("shows a key customer's own target on their card", async () => {
    const customer = $(
      `//tbody[.//th[text()="顧客"]]//*[@data-testid="plan-line"]//button[contains(@class, "card-link")]`,
    );
    await customer.click();
    await byTestId("card-page").waitForDisplayed();
    await reveal("card-target");
    await expect(byTestId("card-target-rate")).toHaveText(
      expect.stringMatching(/\d+%|—/),
    );
    await screenshot("ja-card-target");
    // What to propose to them: what similar customers use, and the next product up.
    await $('[data-testid="hints"], [data-testid="hints-none"]').waitForExist();
    await browser.execute(() =>
      document
        .querySelector('[data-testid="hints"], [data-testid="hints-none"]')
        .scrollIntoView(),
    );
    await screenshot("ja-card-hints");
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the plan and the dashboard's plan panel in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("plan");
      await byTestId("plan-lines").waitForDisplayed();
      await screenshot(`${lang}-plan`);
      await goTo("dashboard");
      await byTestId("plan-panel-rate").waitForDisplayed();
      await screenshot(`${lang}-dashboard-plan`);
      // The period's sales by territory, then by size.
      await reveal("segments-panel");
      await screenshot(`${lang}-dashboard-segments`);
      // Clicked in the page: WebDriver's click scrolls the whole shell out of the window first.
      await browser.execute(() =>
        document.querySelector('[data-testid="segment-sizes"]').click(),
      );
      await reveal("segments-panel");
      await screenshot(`${lang}-dashboard-sizes`);
      // Sold against collected, month by month, on the collection page.
      await goTo("collection");
      await reveal("collection-balance");
      await screenshot(`${lang}-collection-balance`);
    });
  }
});
