// Customers linked to customers and profit in the real window: a card is linked to the customer
// who referred it by picking that card; the referrer's card lists whom it brought; a branch makes
// a group whose sales are added up and whose cards open in the card list; the dashboard shows
// profit by customer with the big buyers at a thin margin. Then each screen in every language.
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
  search,
  setLanguage,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-links-"));

/** The names of the first rows of the card list. */
const rowNames = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="card-row"] .name .link')].map(
      (e) => e.textContent.trim(),
    ),
  );

/** Clicked in the page: WebDriver's click scrolls the whole shell out of the window first. */
const click = (selector) =>
  browser.execute((s) => document.querySelector(s).click(), selector);

/** Opens the card of the list's row named `name`. */
async function openRow(name) {
  await goTo("cards");
  await search(name);
  // Clicked once the row is there (the list may still be re-rendering the search's rows).
  await browser.waitUntil(
    () =>
      browser.execute((n) => {
        const link = [
          ...document.querySelectorAll('[data-testid="card-row"] .name .link'),
        ].find((e) => e.textContent.trim() === n);
        link?.click();
        return Boolean(link);
      }, name),
    { timeoutMsg: `the list did not show ${name}` },
  );
  await byTestId("card-page").waitForDisplayed();
  await browser.waitUntil(async () =>
    (await byTestId("card-title").getText()).includes(name),
  );
}

/** Links the open card to the card named `other` with the link of `kind`. */
async function linkTo(kind, other, note) {
  await reveal("card-links");
  await byTestId(`link-${kind}`).waitForExist();
  // A link the demo made is removed first.
  if (await byTestId(`link-remove-${kind}`).isExisting()) {
    await click(`[data-testid="link-remove-${kind}"]`);
    await byTestId(`link-set-${kind}`).waitForExist();
  }
  await click(`[data-testid="link-set-${kind}"]`);
  await byTestId("link.other-search").setValue(other);
  const option = $(
    `//button[@data-testid="link.other-option"][.//span[normalize-space(.)="${other}"]]`,
  );
  await option.waitForDisplayed();
  await browser.execute((el) => el.click(), await option.getElement());
  await byTestId("link-note").setValue(note);
  await click('[data-testid="link-save"]');
  await browser.waitUntil(
    async () => (await byTestId(`link-${kind}`).getText()).includes(other),
    {
      timeoutMsg: `the ${kind} link to ${other} did not show`,
    },
  );
}

describe("linked customers and profit in the real window", () => {
  let names;
  before(async () => {
    await startInJapanese(out);
    await goTo("cards");
    await browser.waitUntil(async () => (await rowNames()).length >= 3);
    // Organisations only: a branch link is theirs.
    await browser.execute(() => {
      const kind = document.querySelector('[data-testid="filter-kind"]');
      kind.value = "organisation";
      kind.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await browser.waitUntil(async () => (await rowNames()).length >= 3);
    names = (await rowNames()).slice(0, 3);
  });

  it("links a card to the customer who referred it, and the referrer lists whom it brought", async () => {
    const [referrer, customer] = names;
    await openRow(customer);
    await linkTo("referred_by", referrer, "展示会で紹介された");
    await expect(byTestId("link-referred_by")).toHaveText(
      expect.stringContaining("展示会で紹介された"),
    );
    await dismissNotices();
    await reveal("card-links");
    await screenshot("ja-card-links");
    // The referrer's name opens its card, which lists the customer it brought.
    await click('[data-testid="link-referred_by"] button.link');
    await browser.waitUntil(async () =>
      (await byTestId("card-title").getText()).includes(referrer),
    );
    await byTestId("link-referred").waitForExist();
    await expect(byTestId("link-referred")).toHaveText(
      expect.stringContaining(customer),
    );
    // The change is in the customer's history.
  });

  it("makes a branch whose group's sales are added up, and shows the group in the card list", async () => {
    const [head, , branch] = names;
    await openRow(branch);
    await linkTo("branch_of", head, "大阪支店");
    await byTestId("link-group").waitForExist();
    const total = await byTestId("link-group-total").getText();
    if (!/\d/.test(total)) throw new Error(`the group's total: ${total}`);
    await dismissNotices();
    await reveal("card-links");
    await screenshot("ja-card-group");
    await click('[data-testid="link-group-list"]');
    await byTestId("cards-page").waitForDisplayed();
    // The group: the head office, the new branch, and any branch the demo gave it already.
    await byTestId("chart-filter").waitForDisplayed();
    await browser.waitUntil(async () => {
      const shown = await rowNames();
      const filter = await byTestId("chart-filter").getText();
      return (
        shown.length >= 2 &&
        shown.includes(head) &&
        shown.includes(branch) &&
        filter.includes(`${shown.length}件`)
      );
    });
    await screenshot("ja-cards-group");
    await click('[data-testid="clear-chart-filter"]');
  });

  it("shows profit by customer on the dashboard", async () => {
    await goTo("dashboard");
    await byTestId("profit-panel").waitForExist();
    // Money in the ledger's currency (yen until another is chosen).
    await expect(byTestId("profit-total")).toHaveText(
      expect.stringMatching(/粗利 \$[\d,]+・粗利率 [\d.]+%/),
    );
    await reveal("profit-panel");
    await screenshot("ja-dashboard-profit");
  });

  it("records a part payment towards a sale still owed, and the sale shows what is left", async () => {
    // The customer owing most, from the collection page.
    await goTo("collection");
    await browser.waitUntil(() =>
      browser.execute(() => {
        const link = document.querySelector(
          '[data-testid="collection-page"] tbody button.link',
        );
        link?.click();
        return Boolean(link);
      }),
    );
    await byTestId("card-page").waitForDisplayed();
    await byTestId("transactions").waitForExist();
    // The first sale not yet paid in full.
    const opened = await browser.execute(() => {
      for (const row of document.querySelectorAll(
        '[data-testid="transaction"]',
      )) {
        const state = row.querySelector('[data-testid="payment"]');
        const button = row.querySelector('[data-testid="open-payments"]');
        if (
          button &&
          state &&
          !state.classList.contains("ok") &&
          !state.classList.contains("none")
        ) {
          button.click();
          return true;
        }
      }
      return false;
    });
    if (!opened)
      throw new Error("the customer owing most has no sale to pay towards");
    await byTestId("payments-dialog").waitForDisplayed();
    const before = (await $$('[data-testid="payment-row"]')).length;
    const owed = await byTestId("payment-owed").getText();
    const amount = await $(
      '[data-testid="payments-dialog"] [data-field="payment.amount"] input',
    );
    // A third of what is owed (the ledger's currency may be dollars or yen).
    const owedValue = Number(
      (owed.match(/\d[\d,]*/)?.[0] ?? "3").replaceAll(",", ""),
    );
    await amount.setValue(String(Math.max(1, Math.floor(owedValue / 3))));
    await click('[data-testid="payment-save"]');
    await browser.waitUntil(
      async () =>
        (await $$('[data-testid="payment-row"]')).length === before + 1,
      {
        timeoutMsg: "the payment did not appear",
      },
    );
    await browser.waitUntil(
      async () => (await byTestId("payment-owed").getText()) !== owed,
    );
    await dismissNotices();
    await screenshot("ja-payments");
    await click(
      '[data-testid="payments-dialog"] .form-actions button:not(.primary)',
    );
    await byTestId("payments-dialog").waitForDisplayed({ reverse: true });
  });

  for (const [lang, cardsLabel] of [
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the links and profit in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("dashboard");
      await byTestId("profit-panel").waitForExist();
      await reveal("profit-panel");
      await screenshot(`${lang}-dashboard-profit`);
      await openRow(names[2]);
      await byTestId("link-group").waitForExist();
      await reveal("card-links");
      await screenshot(`${lang}-card-group`);
    });
  }
});
