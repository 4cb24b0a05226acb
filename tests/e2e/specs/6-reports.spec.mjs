// Excel handouts from the real window: the card list as filtered, one card, and the weekly report
// from the Reports page, each saved and offered to open. Reports go to the folder set in Settings
// (WebDriver cannot drive the native save dialog), never replacing an earlier file.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@wdio/globals";
import {
  byTestId,
  choose,
  dismissNotices,
  goTo,
  openCard,
  screenshot,
  search,
  setLanguage,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-reports-"));
/** The last full export written, to make a new ledger of. */
let lastExport = "";

/** Every string of an .xlsx: its worksheets and shared strings, as text. */
const strings = (file) =>
  execFileSync(
    "python3",
    [
      "-c",
      "import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))",
      file,
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );

/** Waits for the export to finish and returns the file it wrote (in the reports folder). */
async function exported() {
  const done = await byTestId("export-done");
  await done.waitForDisplayed({ timeout: 30000 });
  const file = await byTestId("export-path").getText();
  expect(path.dirname(file)).toBe(out);
  expect(existsSync(file)).toBe(true);
  return file;
}

describe("Excel handouts from the real window", () => {
  before(async () => {
    await startInJapanese(out);
  });

  it("exports the customer list as filtered, with the filter in the page header", async () => {
    await goTo("cards");
    await choose('[data-testid="filter-status"]', "active");
    await search("株式会社");
    await byTestId("export-list").click();
    const file = await exported();
    const text = strings(file);
    expect(text).toContain("顧客一覧");
    expect(text).toContain("状態: 取引中");
    expect(text).toContain("株式会社");
    await byTestId("export-done").$("button[aria-label]").click();
    await search("");
    await choose('[data-testid="filter-status"]', "");
  });

  it("exports one card as its paper card", async () => {
    await search("株式会社");
    await $('[data-testid="card-row"] .name button').waitForDisplayed();
    const name = await browser.execute(() =>
      document
        .querySelector('[data-testid="card-row"] .name button')
        .textContent.trim(),
    );
    await openCard(name);
    await byTestId("export-card").click();
    const file = await exported();
    expect(strings(file)).toContain(name);
  });

  it("writes the weekly report in English from the Reports page", async () => {
    await goTo("reports");
    await byTestId("report-kind-weekly").click();
    await choose('[data-testid="report-lang"]', "en");
    await byTestId("report-export").click();
    const file = await exported();
    const text = strings(file);
    expect(text).toContain("Weekly report");
    expect(text).toContain("Overdue follow-ups");
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the Reports page and a written report in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("reports");
      await byTestId("report-kind-list").click();
      await screenshot(`${lang}-reports`);
      await byTestId("report-kind-history").click();
      await byTestId("report-export").click();
      const file = await exported();
      await screenshot(`${lang}-report-written`);
      await byTestId("export-done").$("button[aria-label]").click();
      // Everything in the ledger, in a form per language: the file lands in the reports folder.
      const form = { ja: "xlsx", zh: "zip", ko: "json", en: "xlsx" }[lang];
      await byTestId(`full-export-${form}`).click();
      const done = await byTestId("full-export-done");
      await done.waitForDisplayed({ timeout: 60000 });
      const written = await byTestId("full-export-path").getText();
      expect(path.dirname(written)).toBe(out);
      expect(written.endsWith(`.${form}`)).toBe(true);
      expect(existsSync(written)).toBe(true);
      if (form === "xlsx")
        expect(strings(written)).toContain("daicho-full-export");
      await done.scrollIntoView();
      await screenshot(`${lang}-full-export`);
      lastExport = written;
    });
  }

  it("makes a new ledger from the full export in Settings, and it holds the cards", async () => {
    const notices = () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="notice"]')]
          .map((n) => n.textContent)
          .join("\n"),
      );
    const restored = path.join(out, "restored.daicho");
    await dismissNotices();
    await goTo("settings");
    await byTestId("ledger-typed").setValue(restored);
    await byTestId("restore-export-path").setValue(lastExport);
    await byTestId("restore-export").click();
    await byTestId("recovery-dialog").waitForDisplayed({ timeout: 60000 });
    // The notice says how many cards came in.
    let said = "";
    await browser.waitUntil(
      async () => {
        said = await notices();
        return /holds the export: [\d,]+ cards/.test(said);
      },
      { timeoutMsg: `no notice says how many cards came in: ${said}` },
    );
    const count = Number(
      said.match(/holds the export: ([\d,]+) cards/)[1].replace(/,/g, ""),
    );
    expect(count).toBeGreaterThan(100);
    await byTestId("recovery-done").click();
    await browser.waitUntil(
      async () => (await byTestId("ledger-path").getText()) === restored,
      { timeoutMsg: "the new ledger did not open" },
    );
    await byTestId("restore-export-path").scrollIntoView();
    await screenshot("en-restored-from-export");
    await dismissNotices();
    await goTo("cards");
    await browser.waitUntil(
      async () =>
        Number(
          (await byTestId("card-count").getText()).replace(/[^0-9]/g, ""),
        ) > 0,
      {
        timeoutMsg: "the new ledger's list is empty",
      },
    );
    await goTo("settings");
    await byTestId("open-demo").click();
  });
});
