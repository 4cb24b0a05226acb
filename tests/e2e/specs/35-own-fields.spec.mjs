// Fields of the rep's own in the real window: the demo's fields are columns of the card list and
// filter it; Settings adds a choice field shown in the list; a card's values are edited together,
// a value that is not a number is refused with the field named, and the change is in the card's
// history under the field's name; the Dashboard breaks sales down by the choice field. Then each
// screen in every language.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@wdio/globals";
import {
  byTestId,
  choose,
  chooseText,
  dismissNotices,
  fill,
  goTo,
  reveal,
  screenshot,
  setLanguage,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-own-fields-"));

/** Clicked in the page: WebDriver's click scrolls the whole shell out of the window first. */
const click = (selector) =>
  browser.execute((s) => document.querySelector(s).click(), selector);

const columns = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="own-column"]')].map((e) =>
      e.textContent.trim(),
    ),
  );
const rowCount = () =>
  browser.execute(
    () => document.querySelectorAll('[data-testid="card-row"]').length,
  );
const shownTotal = async () =>
  Number((await byTestId("card-count").getText()).replace(/[^\d]/g, ""));

describe("fields of the rep's own in the real window", () => {
  // The demo's fields, named in the language the demo was made in: a choice and a number shown
  // in the list.
  let choice;
  let number;
  let second;
  before(async () => {
    await startInJapanese(out);
  });

  it("shows the demo's fields as columns of the card list and filters by one", async () => {
    await goTo("cards");
    await browser.waitUntil(async () => (await rowCount()) > 0);
    await browser.waitUntil(async () => (await columns()).length === 2, {
      timeoutMsg: "no column of the rep's own fields",
    });
    [choice, number] = await columns();
    const all = await shownTotal();
    await chooseText('[data-testid="filter-own-field"]', choice);
    // The second of its choices (the first is the usual one).
    second = await browser.execute(
      () =>
        document.querySelector('[data-testid="filter-own-value"]').options[2]
          .value,
    );
    await choose('[data-testid="filter-own-value"]', second);
    await browser.waitUntil(
      async () => (await shownTotal()) < all && (await shownTotal()) > 0,
      { timeoutMsg: "the filter did not narrow the list" },
    );
    const cells = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-row"]')].map((r) =>
        r.querySelector('[data-testid="own-cell"]').textContent.trim(),
      ),
    );
    expect(cells.every((c) => c === second)).toBe(true);
    await screenshot("ja-cards-own-fields");
    await chooseText(
      '[data-testid="filter-own-field"]',
      "自分の項目（すべて）",
    );
    await browser.waitUntil(async () => (await shownTotal()) === all);
  });

  it("adds a choice field in Settings that the list shows as a column", async () => {
    await goTo("settings");
    await reveal("own-field-settings");
    await click('[data-testid="own-field-add"]');
    await byTestId("own-field-label").setValue("訪問曜日");
    await choose('[data-testid="own-field-kind"]', "choice");
    await fill(await byTestId("own-field-choices"), "月\n火\n水\n木\n金");
    await click('[data-testid="own-field-in-list"]');
    await click('[data-testid="own-field-save"]');
    await browser.waitUntil(
      () =>
        browser.execute(() =>
          [...document.querySelectorAll('[data-testid="own-field-row"]')].some(
            (r) => r.textContent.includes("訪問曜日"),
          ),
        ),
      { timeoutMsg: "the new field is not listed" },
    );
    await dismissNotices();
    await reveal("own-field-settings");
    await screenshot("ja-settings-own-fields");
    await goTo("cards");
    await browser.waitUntil(async () => (await columns()).includes("訪問曜日"));
  });

  it("edits a card's values together, refuses a number that is not one, and records the change", async () => {
    await goTo("cards");
    await choose('[data-testid="filter-kind"]', "organisation");
    await browser.waitUntil(async () => (await rowCount()) > 0);
    await click('[data-testid="card-row"] .name .link');
    await byTestId("card-page").waitForDisplayed();
    await reveal("own-fields");
    await click('[data-testid="own-fields-edit"]');
    await choose('[data-testid="own-field-訪問曜日"]', "水");
    await fill(await byTestId(`own-field-${number}`), "たくさん");
    await click('[data-testid="own-fields-save"]');
    await browser.waitUntil(
      () =>
        browser.execute(
          (n) =>
            document
              .querySelector(`[data-testid="own-field-${n}"]`)
              ?.closest("label")
              ?.classList.contains("invalid"),
          number,
        ),
      { timeoutMsg: "the refused field is not marked" },
    );
    await reveal("own-fields");
    await screenshot("ja-card-own-fields-refused");
    await fill(await byTestId(`own-field-${number}`), "1,200");
    await click('[data-testid="own-fields-save"]');
    await browser.waitUntil(
      async () =>
        (await byTestId(`own-value-${number}`).isExisting()) &&
        (await byTestId(`own-value-${number}`).getText()) === "1,200",
    );
    await expect(byTestId("own-value-訪問曜日")).toHaveText("水");
    await browser.waitUntil(
      () =>
        browser.execute(() =>
          [...document.querySelectorAll('[data-testid="history-entry"]')].some(
            (e) => e.getAttribute("data-field") === "custom:訪問曜日",
          ),
        ),
      { timeoutMsg: "the change is not in the history" },
    );
    await dismissNotices();
    await reveal("own-fields");
    await screenshot("ja-card-own-fields");
  });

  it("breaks the Dashboard's sales down by a choice field of the rep's own", async () => {
    await goTo("dashboard");
    await reveal("segments-panel");
    await browser.waitUntil(() =>
      browser.execute((label) => {
        const tab = [
          ...document.querySelectorAll('[data-testid="segment-own"]'),
        ].find((l) => l.textContent.trim() === label);
        tab?.querySelector("input").click();
        return Boolean(tab);
      }, choice),
    );
    await browser.waitUntil(async () =>
      (await byTestId("segments-table").getText()).includes(choice),
    );
    const rows = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="segment-row"]')].map(
        (r) => r.textContent,
      ),
    );
    expect(rows.some((r) => r.includes(second))).toBe(true);
    await dismissNotices();
    await reveal("segments-panel");
    await screenshot("ja-dashboard-own-segments");
  });

  for (const [lang, cardsLabel] of [
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the fields in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await reveal("own-field-settings");
      await screenshot(`${lang}-settings-own-fields`);
      await goTo("cards");
      await browser.waitUntil(async () => (await rowCount()) > 0);
      await chooseText('[data-testid="filter-own-field"]', number);
      await fill(await byTestId("filter-own-value"), "10");
      await browser.waitUntil(async () => (await rowCount()) > 0);
      await screenshot(`${lang}-cards-own-fields`);
      await choose('[data-testid="filter-own-field"]', "");
      await click('[data-testid="card-row"] .name .link');
      await byTestId("card-page").waitForDisplayed();
      await reveal("own-fields");
      await screenshot(`${lang}-card-own-fields`);
    });
  }
});
