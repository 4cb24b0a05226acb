// Every main screen checked by axe-core (WCAG 2.1 A and AA rules) in the real window, in
// every language: no serious or critical violation.
import {
  accessibilityViolations,
  byTestId,
  goTo,
  openFirstRow,
  openLedger,
  search,
  setLanguage,
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
});
