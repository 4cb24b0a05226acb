// Bringing a rep's old lists in through the window: a Shift_JIS CSV from the company system
// (encoding detected, columns guessed, a nameless row reported, a repeated customer merged) and
// an .xlsx whose customer is already in the ledger (merged as chosen); then finding them by a
// reading typed in hiragana, a single kanji and a phone fragment; undoing an import.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@wdio/globals";
import {
  byTestId,
  choose,
  dismissNotices,
  field,
  goTo,
  openCard,
  reveal,
  screenshot,
  search,
  searchBox,
  searchHit,
  setLanguage,
  openLedger,
} from "./helpers.mjs";

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../fixtures",
);
const CSV = path.join(fixtures, "customers-sjis.csv");
const XLSX = path.join(fixtures, "customers.xlsx");
const HISTORY = path.join(fixtures, "contact-history.csv");
/** A rep's workbook: a sheet of instructions, visits, customers (two contact persons on a row) and sales. */
const WORKBOOK = path.join(fixtures, "workbook.xlsx");

async function read(file) {
  await goTo("import");
  await byTestId("import-path").setValue(file);
  await byTestId("import-read").click();
  await byTestId("import-mapping").waitForDisplayed();
}

async function startAndWait() {
  const before = await $$('[data-testid="import-batch"]').length;
  await byTestId("import-start").click();
  await browser.waitUntil(
    async () =>
      (await $$('[data-testid="import-batch"]').length) === before + 1,
    {
      timeoutMsg: "the import did not finish",
    },
  );
}

describe("importing lists in the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
  });

  it("reads a Shift_JIS CSV, guesses its columns and reports every row", async () => {
    await read(CSV);
    await expect(byTestId("import-source")).toHaveText(
      expect.stringContaining("Shift_JIS"),
    );
    const fields = await $$('[data-testid="import-field"]');
    const mapped = [];
    for (const f of fields) mapped.push(await f.getValue());
    expect(mapped).toEqual([
      "code",
      "name",
      "reading",
      "phone",
      "email",
      "street",
    ]);
    await expect(byTestId("import-summary")).toHaveText(
      expect.stringContaining("4 行: 取り込み可能 3、問題あり 1、重複の候補 1"),
    );
    const problem = await byTestId("import-problem");
    await expect(problem).toHaveText(expect.stringContaining("5 行目"));
    await expect(problem).toHaveText(expect.stringContaining("会社名"));
    const duplicate = await byTestId("import-duplicate");
    await expect(duplicate).toHaveText(expect.stringContaining("2 行目と同じ"));
    await choose('[data-testid="import-choice"]', "merge");
    await expect(byTestId("import-start")).toHaveText(
      expect.stringContaining("3 件を取り込む"),
    );
    await dismissNotices();
    await screenshot("ja-import-csv");
    await reveal("import-start");
    await screenshot("ja-import-report");
  });

  it("imports it in one step, the repeated row merged into the first", async () => {
    await startAndWait();
    await expect(byTestId("import-batch")).toHaveText(
      expect.stringContaining("2 件追加、1 件統合"),
    );
  });

  it("reads an .xlsx, finds the customer already in the ledger and merges it as chosen", async () => {
    await read(XLSX);
    await expect(byTestId("import-summary")).toHaveText(
      expect.stringContaining("2 行: 取り込み可能 2、問題あり 0、重複の候補 1"),
    );
    await expect(byTestId("import-duplicate")).toHaveText(
      expect.stringContaining("有限会社鴎食品"),
    );
    await choose('[data-testid="import-choice"]', "merge");
    await startAndWait();
    await openCard("有限会社鴎食品");
    await expect(field("card-form", "email")).toHaveValue("kamome@example.jp");
  });

  it("finds the imported customers by a reading in hiragana, one kanji and a phone fragment", async () => {
    await searchBox("つばめ");
    await (await searchHit("株式会社燕運輸")).waitForDisplayed();
    await searchBox("鷺");
    await (await searchHit("株式会社鷺ノ宮製作所")).waitForDisplayed();
    await searchBox("4567-89");
    const hit = await searchHit("株式会社燕運輸");
    await hit.waitForDisplayed();
    await expect(hit).toHaveText(expect.stringContaining("電話"));
    await browser.keys("Escape");
  });

  it("undoes the .xlsx import: its new card goes, the merged card gets its fields back", async () => {
    await goTo("import");
    await $('[data-testid="import-undo"]').click();
    await byTestId("import-confirm-undo").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="import-undo"]').length) === 1,
    );
    await searchBox("鷺ノ宮");
    await byTestId("search-nothing").waitForDisplayed();
    await browser.keys("Escape");
    await openCard("有限会社鴎食品");
    await expect(field("card-form", "email")).toHaveValue("");
  });

  it("keeps both when asked, then merges the two cards from the duplicates page and undoes it", async () => {
    await read(XLSX);
    await choose('[data-testid="import-choice"]', "keep_both");
    await startAndWait();
    await goTo("cards");
    await byTestId("find-duplicates").click();
    const pair = await $(
      `//section[@data-testid="duplicate-pair"][contains(., "有限会社鴎食品")]`,
    );
    await pair.waitForDisplayed();
    await expect(pair).toHaveText(
      expect.stringContaining("名前と電話番号が同じ"),
    );
    await dismissNotices();
    await screenshot("ja-duplicates");
    await pair.$('[data-testid="merge"]').click();
    await byTestId("merge-undo").waitForDisplayed();
    await openCard("有限会社鴎食品");
    await expect(field("card-form", "email")).toHaveValue("kamome@example.jp");
    await goTo("cards");
    await byTestId("find-duplicates").click();
    await byTestId("merge-undo").click();
    await $(
      `//section[@data-testid="duplicate-pair"][contains(., "有限会社鴎食品")]`,
    ).waitForDisplayed();
  });

  it("changes the owner of two ticked cards in one step and undoes it", async () => {
    await search("燕運輸");
    await $('[data-testid="card-select"]').click();
    await search("鷺ノ宮");
    await $('[data-testid="card-select"]').click();
    await expect(byTestId("bulk-count")).toHaveText(
      expect.stringContaining("2 件を選択中"),
    );
    await byTestId("bulk-owner").setValue("後任 花子");
    await byTestId("bulk-set-owner").click();
    await byTestId("bulk-undo").waitForDisplayed();
    const rowText = () =>
      browser.execute(
        () =>
          document.querySelector('[data-testid="card-row"]')?.textContent ?? "",
      );
    await browser.waitUntil(
      async () => (await rowText()).includes("後任 花子"),
      { timeoutMsg: "the list does not show the new owner" },
    );
    await dismissNotices();
    await screenshot("ja-bulk");
    await byTestId("bulk-undo").click();
    await browser.waitUntil(
      async () => !(await rowText()).includes("後任 花子"),
      {
        timeoutMsg: "the owner did not come back",
      },
    );
    await byTestId("bulk-clear").click();
    await search("");
  });

  it("adds a contact history to the customers' cards", async () => {
    await read(HISTORY);
    const fields = await $$('[data-testid="import-field"]');
    const mapped = [];
    for (const f of fields) mapped.push(await f.getValue());
    expect(mapped).toEqual([
      "contact_at",
      "code",
      "name",
      "contact_kind",
      "contact_rep",
      "contact_purpose",
      "contact_content",
      "contact_next_action",
      "contact_next_due",
    ]);
    await dismissNotices();
    await screenshot("ja-import-history");
    await startAndWait();
    await expect($('[data-testid="import-batch"]')).toHaveText(
      expect.stringContaining("2 件統合"),
    );
    await openCard("株式会社燕運輸");
    await $(
      '//li[@data-testid="contact"][contains(., "配車システム更新")]',
    ).waitForDisplayed();
    await $(
      '//li[@data-testid="contact"][contains(., "来月決裁")]',
    ).waitForDisplayed();
  });

  it("imports a workbook's sheets in one step: customers first, then their visits and sales", async () => {
    await read(WORKBOOK);
    const sheets = await byTestId("import-sheet");
    await expect(sheets).toBeDisplayed();
    await choose('[data-testid="import-sheet"]', "顧客一覧");
    await browser.waitUntil(
      async () => (await $$('[data-testid="import-column"]').length) === 8,
      { timeoutMsg: "the customer sheet's columns did not show" },
    );
    await byTestId("import-all-sheets").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="import-plan-sheet"]').length) === 4,
      { timeoutMsg: "no plan of the sheets" },
    );
    await expect($$('[data-testid="import-plan-sheet"]')[1]).toHaveText(
      expect.stringContaining("顧客一覧"),
    );
    await byTestId("import-sheets-plan").scrollIntoView();
    await dismissNotices();
    await screenshot("ja-import-workbook");
    const before = await $$('[data-testid="import-batch"]').length;
    await byTestId("import-all-confirm").click();
    await browser.waitUntil(
      async () =>
        (await $$('[data-testid="import-batch"]').length) === before + 1,
      { timeoutMsg: "the workbook was not imported" },
    );
    await expect($('[data-testid="import-batch"]')).toHaveText(
      expect.stringContaining("workbook.xlsx"),
    );
    await openCard("株式会社白鷺電工");
    await $(
      '//li[@data-testid="contact"][contains(., "配電盤更新")]',
    ).waitForDisplayed();
    await expect(byTestId("card-page")).toHaveText(
      expect.stringContaining("岡 さやか"),
    );
  });

  for (const [lang, cards] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the import page with a file read in ${lang}`, async () => {
      await setLanguage(lang, cards);
      await read(CSV);
      await dismissNotices();
      await screenshot(`${lang}-import`);
      if (lang !== "ja") {
        await read(WORKBOOK);
        await byTestId("import-all-sheets").click();
        await byTestId("import-sheets-plan").waitForDisplayed();
        await byTestId("import-sheets-plan").scrollIntoView();
        await dismissNotices();
        await screenshot(`${lang}-import-workbook`);
      }
    });
  }
});
