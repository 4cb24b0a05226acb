// Knowing the competition: build a comparison sheet of our product against two competitors and
// see its chart, record a competitor's product at a customer with a renewal date and find the
// opportunity on the follow-ups page, and see a matching case study on the card. Then every new
// screen in each language.
import { expect } from "@wdio/globals";
import {
  byTestId,
  chooseText,
  dayFromToday,
  dismissNotices,
  drawnPixels,
  fill,
  goTo,
  openCard,
  screenshot,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

const OURS = "テスト複合機 TX-1";
const RIVALS = [
  ["試験事務機株式会社", "試験 A-1"],
  ["検証電子株式会社", "検証 B-2"],
];
const CATEGORY = "テスト複合機";
const SHEET = "テスト複合機の比較";
const CASE = "倉庫の複合機を一台に集約";
const CUSTOMER = "ひまわり倉庫合同会社";
const INDUSTRY = "倉庫業";

async function openTab(tab) {
  await goTo("competition");
  await byTestId(`tab-${tab}`).click();
  await browser.waitUntil(
    async () =>
      (await byTestId(`tab-${tab}`).getAttribute("aria-selected")) === "true",
  );
}

/** Picks every score of a product's column, as the user's choices in each cell would. */
async function scoreColumns(values) {
  await browser.execute((columns) => {
    document
      .querySelectorAll('[data-testid="score-input"]')
      .forEach((select, i) => {
        select.value = columns[i % columns.length];
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
  }, values);
}

describe("competitor comparison, products at customers and case studies in the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
  });

  it("builds a sheet of our product against two competitors, refuses a negative weight and draws the chart", async () => {
    await openTab("products");
    await byTestId("add-our-product").click();
    await typeInto("product-dialog", "product.name", OURS);
    await typeInto("product-dialog", "product.category", CATEGORY);
    await byTestId("save-product").click();
    await byTestId("product-dialog").waitForDisplayed({ reverse: true });
    await $(
      `//*[@data-testid="product-row"][.//td[text()="${OURS}"]]`,
    ).waitForDisplayed();

    for (const [company, product] of RIVALS) {
      await openTab("competitors");
      await byTestId("add-competitor").click();
      await typeInto("competitor-dialog", "competitor.name", company);
      await typeInto("competitor-dialog", "competitor.strengths", "価格が安い");
      await byTestId("save-competitor").click();
      await byTestId("competitor-page").waitForDisplayed();
      await expect(byTestId("competitor-name")).toHaveText(company);
      await byTestId("add-competitor-product").click();
      await typeInto("product-dialog", "product.name", product);
      await typeInto("product-dialog", "product.category", CATEGORY);
      await byTestId("save-product").click();
      await expect(byTestId("competitor-product")).toHaveText(
        expect.stringContaining(product),
      );
    }

    await openTab("sheets");
    await byTestId("new-sheet").click();
    await typeInto("sheet-dialog", "sheet.title", SHEET);
    await chooseText('[data-testid="sheet-our-product"]', OURS);
    await expect(
      $('[data-testid="sheet-dialog"] [data-field="sheet.category"] input'),
    ).toHaveValue(CATEGORY);
    for (const [, product] of RIVALS)
      await $(
        `[data-testid="sheet-competitor-product"][data-name="${product}"]`,
      ).click();
    await byTestId("save-sheet").click();
    await byTestId("sheet-page").waitForDisplayed();
    await expect(byTestId("sheet-title")).toHaveText(SHEET);
    await byTestId("no-assessment").waitForDisplayed();

    await byTestId("new-assessment").click();
    const editor = await byTestId("assessment-editor");
    await editor.waitForDisplayed();
    const names = await $$('[data-testid="criterion-name"]').map((input) =>
      input.getValue(),
    );
    expect(names).toEqual([
      "品質",
      "価格",
      "ブランド認知度",
      "機能",
      "サービス・サポート",
      "納期",
    ]);
    // Rows are criteria; in each, our product, then the two competitors'.
    await scoreColumns(["5", "4", "3"]);
    await fill(await $$('[data-testid="criterion-weight"]')[0], "-1");
    await $$('[data-testid="versus-strengths"]')[0].setValue(
      "保守の訪問が早い",
    );
    await byTestId("save-assessment").click();
    await expect(editor).toHaveText(
      expect.stringContaining("負の数は入力できません"),
    );

    await fill(await $$('[data-testid="criterion-weight"]')[0], "3");
    await byTestId("save-assessment").click();
    await editor.waitForDisplayed({ reverse: true });
    await byTestId("score-matrix").waitForDisplayed();
    const percents = await $$('[data-testid="matrix-percent"]').map((cell) =>
      cell.getText(),
    );
    expect(percents).toEqual(["100%", "80%", "60%"]);
    await expect(byTestId("versus")).toHaveText(
      expect.stringContaining("保守の訪問が早い"),
    );
    await byTestId("sheet-chart").waitForDisplayed();
    await browser.waitUntil(
      async () => (await drawnPixels("sheet-chart")) > 2000,
      { timeoutMsg: "the radar chart was not drawn" },
    );
    await byTestId("chart-bars").click();
    await browser.waitUntil(
      async () =>
        (await byTestId("sheet-chart").getAttribute("data-kind")) === "bar",
    );
    await browser.waitUntil(
      async () => (await drawnPixels("sheet-chart")) > 2000,
      { timeoutMsg: "the bar chart was not drawn" },
    );
  });

  it("records a competitor's product at a customer and finds its renewal on the follow-ups page", async () => {
    await openTab("cases");
    await byTestId("add-case").click();
    await typeInto("case-dialog", "case.title", CASE);
    await typeInto("case-dialog", "case.customer_label", "関東の倉庫会社");
    await typeInto("case-dialog", "case.industry", INDUSTRY);
    await typeInto("case-dialog", "case.effect", "印刷費が月2万円減った");
    await chooseText('[data-testid="case-product"]', OURS);
    await byTestId("save-case").click();
    await byTestId("case-dialog").waitForDisplayed({ reverse: true });
    await $(
      `//*[@data-testid="case-row"][.//h2[text()="${CASE}"]]`,
    ).waitForDisplayed();

    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await typeInto("card-form", "name", CUSTOMER);
    await typeInto("card-form", "industry", INDUSTRY);
    await byTestId("save-card").click();
    await expect(byTestId("card-title")).toHaveText(CUSTOMER);

    const renewal = await dayFromToday(30);
    await byTestId("add-usage").click();
    await chooseText('[data-testid="usage-product"]', RIVALS[0][1]);
    await typeInto("usage-form", "usage.renewal_on", renewal);
    await typeInto("usage-form", "usage.volume", "3");
    await byTestId("save-usage").click();
    const usage = await byTestId("usage");
    await usage.waitForDisplayed();
    await expect(usage).toHaveText(expect.stringContaining(RIVALS[0][1]));
    await usage.$('[data-testid="usage-renews-soon"]').waitForDisplayed();
    // The product the customer uses is on the sheet just built.
    await expect(byTestId("card-sheet")).toHaveText(SHEET);

    await goTo("follow_ups");
    const opportunity = $(
      `//*[@data-testid="renewal"][.//button[text()="${CUSTOMER}"]]`,
    );
    await opportunity.waitForDisplayed();
    await expect(opportunity).toHaveText(expect.stringContaining(RIVALS[0][1]));
    await expect(opportunity).toHaveText(expect.stringContaining("あと 30 日"));
  });

  it("suggests the case study of the same industry on the customer's card", async () => {
    await openCard(CUSTOMER);
    const match = $(
      `//*[@data-testid="card-case"][.//strong[text()="${CASE}"]]`,
    );
    await match.waitForDisplayed();
    await expect(match).toHaveText(expect.stringContaining("同業種"));
    await expect(match).toHaveText(expect.stringContaining("関東の倉庫会社"));
  });

  it("points a note at a competitor and finds it on the competitor's page", async () => {
    await openCard(CUSTOMER);
    await byTestId("add-note").click();
    await typeInto(
      "note-form",
      "note.content",
      "試験事務機が3割引きを提示したらしい",
    );
    await chooseText('[data-testid="note-competitor"]', RIVALS[0][0]);
    await byTestId("save-note").click();
    await byTestId("note-competitor-link").click();
    await byTestId("competitor-page").waitForDisplayed();
    await expect(byTestId("competitor-name")).toHaveText(RIVALS[0][0]);
    await expect(byTestId("competitor-notes")).toHaveText(
      expect.stringContaining("3割引き"),
    );
    await expect(byTestId("competitor-notes")).toHaveText(
      expect.stringContaining(CUSTOMER),
    );
  });

  for (const [lang, cardsLabel, sheet, rival] of [
    [
      "ja",
      "顧客カード",
      "複合機 比較表（中小企業向け）",
      "アルファ事務機株式会社",
    ],
    ["zh", "客户卡", "多功能一体机对比表（中小企业）", "华光办公设备有限公司"],
    ["ko", "고객카드", "복합기 비교표 (중소기업)", "(주)알파사무기기"],
    [
      "en",
      "Cards",
      "MFP comparison (small and mid-sized businesses)",
      "Apex Office Systems Inc.",
    ],
  ]) {
    it(`shows sheets, a sheet, products, a competitor, cases, the card's side and renewals in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await openTab("sheets");
      await byTestId("sheet-row").waitForDisplayed();
      await screenshot(`${lang}-competition-sheets`);
      await $(
        `//*[@data-testid="sheet-row"][.//span[text()="${sheet}"]]`,
      ).click();
      await byTestId("score-matrix").waitForDisplayed();
      await browser.waitUntil(
        async () => (await drawnPixels("sheet-chart")) > 2000,
        { timeoutMsg: "the chart was not drawn" },
      );
      await screenshot(`${lang}-sheet`);
      await byTestId("new-assessment").click();
      await byTestId("assessment-editor").waitForDisplayed();
      await screenshot(`${lang}-assessment-editor`);
      await byTestId("cancel-assessment").click();
      await openTab("products");
      await byTestId("product-row").waitForDisplayed();
      await screenshot(`${lang}-products`);
      await openTab("competitors");
      await $(
        `//*[@data-testid="competitor-row"][.//span[text()="${rival}"]]`,
      ).click();
      await byTestId("competitor-page").waitForDisplayed();
      await screenshot(`${lang}-competitor`);
      await openTab("cases");
      await byTestId("case-row").waitForDisplayed();
      await screenshot(`${lang}-cases`);
      await openCard(CUSTOMER);
      await browser.execute(() =>
        document
          .querySelector('[data-testid="card-competition"]')
          .scrollIntoView(),
      );
      await byTestId("card-case").waitForDisplayed();
      await screenshot(`${lang}-card-competition`);
      await goTo("follow_ups");
      await byTestId("renewals").waitForDisplayed();
      await browser.execute(() =>
        document.querySelector('[data-testid="renewals"]').scrollIntoView(),
      );
      await screenshot(`${lang}-renewals`);
    });
  }
});
