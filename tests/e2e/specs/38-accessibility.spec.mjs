// Every main screen checked by axe-core (WCAG 2.1 A and AA rules) in the real window, in
// every language: no serious or critical violation.
import {
  accessibilityViolations,
  byTestId,
  goTo,
  openFirstRow,
  openLedger,
  screenshot,
  search,
  setLanguage,
  tabOrderJumps,
} from "./helpers.mjs";

const PAGES = [
  "cards",
  "follow_ups",
  "visits",
  "daily",
  "notes",
  "competition",
  "dashboard",
  "plan",
  "collection",
  "reports",
  "import",
  "handover",
  "backups",
  "copies",
  "trash",
  "settings",
];

describe("the window's accessibility, checked by axe-core", () => {
  before(async () => {
    await openLedger();
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`has no serious violation on any main screen in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      const found = {};
      for (const page of PAGES) {
        await goTo(page);
        const violations = await accessibilityViolations();
        if (violations.length > 0) found[page] = violations;
      }
      await search("");
      await openFirstRow();
      await byTestId("card-page").waitForDisplayed();
      const onCard = await accessibilityViolations();
      if (onCard.length > 0) found.card = onCard;
      expect(found).toEqual({});
    });
  }

  it("keeps the list on the first screen at 200% zoom (a 640×400 page), sidebar as icons", async () => {
    // Ctrl+= zooms the window as a rep with poor sight would (Tauri's zoom hotkeys).
    await goTo("cards");
    await search("");
    const innerWidth = () => browser.execute(() => window.innerWidth);
    let shown = await innerWidth();
    for (let step = 0; step < 8 && shown > 660; step++) {
      await browser.keys(["Control", "="]);
      await browser.waitUntil(async () => (await innerWidth()) < shown);
      shown = await innerWidth();
    }
    try {
      await browser.waitUntil(
        async () => (await browser.execute(() => window.innerWidth)) <= 660,
      );
      const firstRowTop = await browser.execute(
        () =>
          document
            .querySelector('[data-testid="card-row"]')
            ?.getBoundingClientRect().top ?? Infinity,
      );
      const viewport = await browser.execute(() => window.innerHeight);
      expect(firstRowTop).toBeLessThan(viewport - 30);
      expect((await byTestId("nav-cards").getSize()).width).toBeLessThan(60);
      await screenshot("ja-cards-zoomed");
    } finally {
      await browser.keys(["Control", "0"]);
      await browser.waitUntil(
        async () => (await browser.execute(() => window.innerWidth)) > 1000,
      );
    }
  });

  it("moves through every form in the order a rep reads it", async () => {
    await setLanguage("ja", "顧客カード");
    await search("");
    await openFirstRow();
    await byTestId("card-page").waitForDisplayed();
    const jumps = { card: await tabOrderJumps('[data-testid="card-form"]') };
    await byTestId("add-contact").click();
    jumps.contact = await tabOrderJumps('[data-testid="contact-form"]');
    await browser.keys("Escape");
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await byTestId("card-form").waitForDisplayed();
    jumps.new_card = await tabOrderJumps('[data-testid="card-form"]');
    expect(jumps).toEqual({ card: [], contact: [], new_card: [] });
  });
});
