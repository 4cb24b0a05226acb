// Sales, classification and the manager's dashboard: record transactions on a card and see what
// they add up to and what is overdue, plan the collection, re-classify, see the Pareto chart and
// the core and problem lists, click charts to filter the card list, and have overlapping grade
// bands refused. Then every new screen in each language.
import { expect } from "@wdio/globals";
import {
  byTestId,
  dayFromToday,
  dismissNotices,
  drawnPixels,
  fill,
  goTo,
  openCard,
  reveal,
  screenshot,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

const CUSTOMER = "つばさ精機株式会社";

/** Clicks category `index` of a dashboard chart where Chart.js drew it. */
async function clickChart(testid, index) {
  await reveal(testid);
  const canvas = await byTestId(testid);
  await browser.waitUntil(async () =>
    Boolean(await canvas.getAttribute("data-points")),
  );
  const points = JSON.parse(await canvas.getAttribute("data-points"));
  const size = await canvas.getSize();
  const [x, y] = points[index];
  // Offsets count from the element's centre; a column's middle picks its category.
  await canvas.click({
    x: Math.round(x - size.width / 2),
    y: Math.round(Math.min(y + 4, size.height - 30) - size.height / 2),
  });
}

const shownNames = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="card-row"] .name .link')].map(
      (e) => e.textContent.trim(),
    ),
  );

describe("sales, classification and the dashboard in the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
  });

  it("records sales on a card, shows what they add up to and what is overdue, and plans the collection", async () => {
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await typeInto("card-form", "name", CUSTOMER);
    await byTestId("save-card").click();
    await expect(byTestId("card-title")).toHaveText(CUSTOMER);

    // Ten units at 12,000, sold 70 days ago and due 40 days ago: overdue.
    await byTestId("add-transaction").click();
    await typeInto(
      "transaction-dialog",
      "transaction.dated_on",
      await dayFromToday(-70),
    );
    await typeInto("transaction-dialog", "transaction.item", "精密ベアリング");
    await fill(
      await $(
        '[data-testid="transaction-dialog"] [data-field="transaction.quantity"] input',
      ),
      "10",
    );
    await fill(
      await $(
        '[data-testid="transaction-dialog"] [data-field="transaction.unit_price"] input',
      ),
      "12000",
    );
    await typeInto(
      "transaction-dialog",
      "transaction.due_on",
      await dayFromToday(-40),
    );
    // Paid more than is due: refused beside the field, nothing saved.
    await fill(
      await $(
        '[data-testid="transaction-dialog"] [data-field="transaction.paid_amount"] input',
      ),
      "500000",
    );
    await typeInto(
      "transaction-dialog",
      "transaction.paid_on",
      await dayFromToday(-30),
    );
    await byTestId("save-transaction").click();
    await expect(byTestId("error-transaction.paid_amount")).toHaveText(
      "入金額が請求額を超えています",
    );
    await fill(
      await $(
        '[data-testid="transaction-dialog"] [data-field="transaction.paid_amount"] input',
      ),
      "",
    );
    await fill(
      await $(
        '[data-testid="transaction-dialog"] [data-field="transaction.paid_on"] input',
      ),
      "",
    );
    await byTestId("save-transaction").click();
    await byTestId("transaction-dialog").waitForDisplayed({ reverse: true });

    // In the ledger's currency: yen until another is chosen in Settings.
    // The window's demo is an English-speaking rep's (the suite runs under LANG=C): in dollars.
    await expect(byTestId("sales-amount")).toHaveText("$120,000");
    await expect(byTestId("sales-overdue")).toHaveText("$120,000");
    await expect(byTestId("payment")).toHaveText("40日遅延");

    // A credit limit below what is owed is flagged once the card is saved.
    await fill(
      await $(
        '[data-testid="standing"] [data-field="standing.credit_limit"] input',
      ),
      "100000",
    );
    await byTestId("save-card").click();
    await byTestId("over-limit").waitForDisplayed();

    await byTestId("edit-plan").click();
    await typeInto("plan-dialog", "plan.chase_on", await dayFromToday(2));
    await typeInto("plan-dialog", "plan.person", "経理部 山本様");
    await byTestId("save-plan").click();
    await byTestId("plan-dialog").waitForDisplayed({ reverse: true });
    await expect(byTestId("card-plan")).toHaveText(
      expect.stringContaining("経理部 山本様"),
    );

    await goTo("collection");
    const row = $(
      `//*[@data-testid="receivable"][.//button[text()="${CUSTOMER}"]]`,
    );
    await row.waitForDisplayed();
    await expect(row).toHaveText(expect.stringContaining("40日遅延"));
    await expect(row).toHaveText(expect.stringContaining("経理部 山本様"));
    // The age opens its customers in the card list.
    await byTestId("age-days_31_60").click();
    await byTestId("chart-filter").waitForDisplayed();
    await browser.waitUntil(
      async () => (await shownNames()).includes(CUSTOMER),
      { timeoutMsg: "the overdue customer is not listed" },
    );
    await byTestId("clear-chart-filter").click();
    await byTestId("chart-filter").waitForDisplayed({ reverse: true });
  });

  it("re-classifies, draws the Pareto chart, lists core and problem customers with reasons, and filters the list from a chart", async () => {
    await goTo("dashboard");
    await byTestId("reclassify").click();
    await expect(byTestId("last-run")).toHaveText(
      expect.stringContaining("前回の再分類"),
    );
    await byTestId("pareto-chart").waitForDisplayed();
    await browser.waitUntil(
      async () => (await drawnPixels("pareto-chart")) > 3000,
      { timeoutMsg: "the Pareto chart was not drawn" },
    );
    expect(await $$('[data-testid="core-entry"]').length).toBeGreaterThan(0);
    const problem = $(
      `//*[@data-testid="problem-entry"][.//button[text()="${CUSTOMER}"]]`,
    );
    await problem.waitForDisplayed();
    await expect(problem).toHaveText(
      expect.stringContaining("支払遅延 120,000"),
    );
    await expect(problem).toHaveText(
      expect.stringContaining("与信限度額を 20,000 超過"),
    );
    // Volume grades and brand loyalty are charted too, and a grade opens its customers.
    for (const chart of ["grades-chart", "loyalty-chart"]) {
      await browser.waitUntil(async () => (await drawnPixels(chart)) > 500, {
        timeoutMsg: `${chart} was not drawn`,
      });
    }
    // This week's few: the most severe, each with what to do, never the whole problem list.
    const week = await $$('[data-testid="problem-week-entry"]');
    if (week.length < 1 || week.length > 10)
      throw new Error(`this week's problems: ${week.length}, not 1 to 10`);
    for (const entry of week)
      await entry.$('[data-testid="problem-action"]').waitForDisplayed();

    // The receivables chart: the 31–60 days column holds this customer.
    await clickChart("receivables-chart", 2);
    await byTestId("cards-page").waitForDisplayed();
    await expect(byTestId("chart-filter")).toHaveText(
      expect.stringContaining("31〜60日遅延"),
    );
    await browser.waitUntil(
      async () => (await shownNames()).includes(CUSTOMER),
      { timeoutMsg: "the chart's customers are not listed" },
    );

    // The Pareto chart's first bar is a class A customer.
    await goTo("dashboard");
    await clickChart("pareto-chart", 0);
    await byTestId("cards-page").waitForDisplayed();
    await browser.waitUntil(
      async () => (await byTestId("filter-abc").getValue()) === "a",
    );
    // Every row shown is of class A once the list has reloaded.
    await browser.waitUntil(
      async () => {
        const classes = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid="card-row-class"]')].map(
            (e) => e.querySelector(".abc")?.textContent ?? "",
          ),
        );
        return classes.length > 0 && classes.every((c) => c === "A");
      },
      { timeoutMsg: "the list did not narrow to class A" },
    );

    // The card shows its classes and why it is a problem customer.
    await openCard(CUSTOMER);
    await expect(byTestId("card-problem")).toHaveText("問題顧客");
    await expect(byTestId("card-reasons")).toHaveText(
      expect.stringContaining("支払遅延"),
    );
  });

  it("refuses grade bands that overlap, beside the bands, and keeps the settings", async () => {
    await goTo("settings");
    await reveal("grade-bands");
    await fill(await $$('[data-testid="band-to"]')[0], "30000");
    await byTestId("save-class-settings").click();
    await expect(byTestId("error-classify.grades")).toHaveText(
      "ランクの範囲が重なっています",
    );
    await goTo("dashboard");
    await goTo("settings");
    await expect($$('[data-testid="band-to"]')[0]).toHaveValue("20000");
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the card's sales and classes, collection, the dashboard and its settings in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await openCard(CUSTOMER);
      await byTestId("card-class").waitForDisplayed();
      await screenshot(`${lang}-card-class`);
      await reveal("card-sales");
      await screenshot(`${lang}-card-sales`);
      await reveal("standing");
      await screenshot(`${lang}-card-standing`);
      await goTo("collection");
      await byTestId("receivable").waitForDisplayed();
      await screenshot(`${lang}-collection`);
      await goTo("dashboard");
      await byTestId("pareto-chart").waitForDisplayed();
      await browser.waitUntil(
        async () => (await drawnPixels("pareto-chart")) > 3000,
      );
      await screenshot(`${lang}-dashboard`);
      // The chart draws the first buyers; what the rest bought is said under it.
      await byTestId("pareto-rest").waitForExist();
      await reveal("pareto-chart");
      await screenshot(`${lang}-dashboard-pareto`);
      await reveal("grades-chart");
      await screenshot(`${lang}-dashboard-grades`);
      await reveal("completeness-chart");
      await screenshot(`${lang}-dashboard-charts`);
      await reveal("problem-week");
      await screenshot(`${lang}-dashboard-week`);
      await reveal("core-list");
      await screenshot(`${lang}-dashboard-lists`);
      await goTo("settings");
      await reveal("class-settings");
      await screenshot(`${lang}-class-settings`);
      await byTestId("abc-a").waitForExist({ reverse: true });
    });
  }
});
