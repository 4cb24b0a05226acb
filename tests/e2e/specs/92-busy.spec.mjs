// The window while a long job runs: a 100,000-row list is imported (on a connection of its own)
// while the rep scrolls the card list to its end and uses the search box; both answer, the
// sidebar shows how far the import is, and Cancel stops it with nothing written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@wdio/globals";
import {
  byTestId,
  goTo,
  openLedger,
  screenshot,
  searchBox,
  searchHit,
  setLanguage,
} from "./helpers.mjs";

const ROWS = 100_000;

/** A company system's export: 100,000 customers with a name, a reading, a phone, an address. */
function writeBigList() {
  const file = path.join(os.tmpdir(), `daicho-e2e-${process.pid}-100k.csv`);
  const lines = ["会社名,フリガナ,電話番号,住所"];
  const families = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
  ];
  for (let i = 0; i < ROWS; i++) {
    const family = families[i % families.length];
    lines.push(
      `株式会社${family}商事${i},カブシキガイシャ${family}ショウジ,03-${1000 + (i % 9000)}-${String(i % 10000).padStart(4, "0")},東京都千代田区${i % 50}丁目`,
    );
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const importDone = () =>
  browser.execute(
    () =>
      document.querySelector('[data-testid="import-progress"] progress')
        ?.value ?? null,
  );

describe("the window while a 100,000-row import runs", () => {
  let file;

  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
    file = writeBigList();
  });

  after(() => fs.rmSync(file, { force: true }));

  it("keeps the card list and the search box answering, and Cancel stops the import writing nothing", async () => {
    await goTo("import");
    const earlier = (await $$('[data-testid="import-batch"]')).length;
    await byTestId("import-path").setValue(file);
    await byTestId("import-read").click();
    await byTestId("import-start").waitForDisplayed({
      timeout: 120000,
      timeoutMsg: "the list was not read",
    });
    await expect(byTestId("import-start")).toHaveText(
      expect.stringContaining("100,000"),
    );
    await byTestId("import-start").click();
    await browser.waitUntil(async () => (await importDone()) > 0, {
      timeout: 60000,
      timeoutMsg: "the import did not start",
    });

    // The card list, scrolled to its last rows, fills them in while the import writes.
    await goTo("cards");
    await $('[data-testid="card-row"]').waitForDisplayed();
    await browser.execute(() => {
      const scroller = document.querySelector(
        '[data-testid="card-table"] .scroller',
      );
      scroller.scrollTop = scroller.scrollHeight;
    });
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const rows = [
            ...document.querySelectorAll('[data-testid="card-row"]'),
          ];
          const total = Number(
            document
              .querySelector('[data-testid="card-table"]')
              .getAttribute("aria-rowcount"),
          );
          return (
            document.querySelectorAll('[data-testid="card-row-loading"]')
              .length === 0 &&
            rows.some((r) => Number(r.getAttribute("aria-rowindex")) >= total)
          );
        }),
      {
        timeout: 15000,
        timeoutMsg:
          "the end of the card list did not load while the import ran",
      },
    );
    const last = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-row"] .name .link')]
        .at(-1)
        .textContent.trim(),
    );

    // The search box finds that customer meanwhile.
    await searchBox(last);
    await expect(searchHit(last)).toBeDisplayed();
    await browser.keys("Escape");

    // Still importing: the sidebar says how far, and the Import page offers Cancel.
    await expect(byTestId("import-running")).toHaveText(
      expect.stringMatching(/^\d+%$/),
    );
    await screenshot("ja-import-running");
    await goTo("import");
    const done = await importDone();
    expect(done).toBeLessThan(ROWS);
    await byTestId("import-cancel").click();
    await byTestId("import-progress").waitForExist({
      reverse: true,
      timeout: 60000,
      timeoutMsg: "Cancel did not stop the import",
    });
    await expect(byTestId("notice")).toHaveText(
      expect.stringContaining("取り込みを中止"),
    );
    expect((await $$('[data-testid="import-batch"]')).length).toBe(earlier);
    await expect(byTestId("import-running")).not.toBeExisting();
  });
});
