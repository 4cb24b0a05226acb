// Finding a customer in a keystroke from the search box at the top: a katakana reading typed in
// hiragana, a single kanji, a phone number fragment typed with other punctuation, words in a
// contact; every matching customer in the list, best match first, with the match marked.
import { expect } from "@wdio/globals";
import {
  byTestId,
  dismissNotices,
  goTo,
  screenshot,
  searchBox,
  searchHit,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

const NAME = "鷲尾精機株式会社";
const READING = "ワシオセイキ";
const PHONE = "03-5550-7788";

/** The texts marked in an element (the parts that matched). */
const marks = (element) =>
  browser.execute(
    (el) => [...el.querySelectorAll("mark")].map((m) => m.textContent),
    element,
  );

describe("search from the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await byTestId("card-form").waitForDisplayed();
    await typeInto("card-form", "name", NAME);
    await typeInto("card-form", "reading", READING);
    await typeInto("card-form", "phones", PHONE);
    await browser.keys("Enter");
    await byTestId("save-card").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="history-entry"]').length) === 1,
    );
    await byTestId("add-contact").click();
    await typeInto(
      "contact-form",
      "content",
      "試作ラインの納期調整について鷲尾部長と相談",
    );
    await byTestId("save-contact").click();
    await byTestId("contact").waitForDisplayed();
    await dismissNotices();
    await goTo("cards");
  });

  it("finds the card by a katakana reading typed in hiragana, marked in the reading", async () => {
    await searchBox("わしお");
    const hit = await searchHit(NAME);
    await hit.waitForDisplayed();
    expect(await marks(hit)).toContain("ワシオ");
    await screenshot("ja-search-reading");
    await hit.click();
    await expect(byTestId("card-title")).toHaveText(NAME);
  });

  it("finds it by a single kanji", async () => {
    await searchBox("鷲");
    const hit = await searchHit(NAME);
    await hit.waitForDisplayed();
    expect(await marks(hit)).toContain("鷲");
  });

  it("finds it by a fragment of its phone number written differently, and says it matched the phone", async () => {
    await searchBox("5550 77");
    const hit = await searchHit(NAME);
    await hit.waitForDisplayed();
    const matched = await hit.$('[data-testid="search-matched"]');
    await expect(matched).toHaveText(expect.stringContaining("電話"));
    expect((await marks(matched)).join("")).toBe("5550-77");
  });

  it("finds the contact by its words, and opens its customer", async () => {
    await searchBox("納期調整");
    const contact = await $(
      `//button[@data-testid="search-contact"][contains(., "${NAME}")]`,
    );
    await contact.waitForDisplayed();
    expect(await marks(contact)).toContain("納期調整");
    await screenshot("ja-search-contact");
    await contact.click();
    await expect(byTestId("card-title")).toHaveText(NAME);
  });

  it("lists every matching customer with Enter, best match first, the match marked in the rows", async () => {
    await searchBox("鷲尾");
    await browser.keys("Enter");
    const page = await byTestId("cards-page");
    await page.waitForDisplayed();
    await browser.waitUntil(
      async () => (await page.getAttribute("data-shown-text")) === "鷲尾",
    );
    await expect(byTestId("sort")).toHaveValue("relevance");
    const first = await $('[data-testid="card-row"] .name .link');
    await expect(first).toHaveText(NAME);
    expect(await marks(first)).toEqual(["鷲尾"]);
  });

  it("says so when nothing matches", async () => {
    await searchBox("該当なしの言葉");
    await byTestId("search-nothing").waitForDisplayed();
    await browser.keys("Escape");
    await byTestId("search-results").waitForDisplayed({ reverse: true });
  });

  it("goes anywhere from the command palette: a customer by its reading, a page by its English name", async () => {
    await browser.keys(["Control", "p"]);
    await byTestId("palette").waitForDisplayed();
    await byTestId("palette-input").setValue("わしお");
    const customer = await byTestId("palette-customer");
    await customer.waitForDisplayed();
    await screenshot("ja-palette");
    expect(await browser.execute((el) => el.textContent, customer)).toContain(
      NAME,
    );
    await browser.keys("Enter");
    await byTestId("palette").waitForDisplayed({ reverse: true });
    await expect(byTestId("card-form")).toBeDisplayed();
    await expect(
      $('[data-testid="card-form"] [data-field="name"] input'),
    ).toHaveValue(NAME);

    await byTestId("palette-open").click();
    await byTestId("palette-input").setValue("dashboard");
    await byTestId("palette-page-dashboard").waitForDisplayed();
    await browser.keys("Enter");
    await byTestId("dashboard-page").waitForDisplayed();
  });

  for (const [lang, cards, query] of [
    ["ja", "顧客カード", "鷲尾"],
    ["zh", "客户卡", "李"],
    ["ko", "고객카드", "김"],
    ["en", "Cards", "smith"],
  ]) {
    it(`shows the search results in ${lang}`, async () => {
      await setLanguage(lang, cards);
      await goTo("cards");
      await searchBox(query);
      await browser.waitUntil(
        async () => (await $$('[data-testid="search-card"]').length) > 0,
      );
      await dismissNotices();
      await screenshot(`${lang}-search`);
      await browser.keys("Escape");
    });
  }
});
