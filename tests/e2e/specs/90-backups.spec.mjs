// Backups in the real window: the daily backup made on opening, "Back up now", a restore that
// first sets the backup beside the ledger now and can itself be undone, "Check all backups",
// and the last backup in the sidebar's foot; then the page in each language.
import { expect } from "@wdio/globals";
import {
  byTestId,
  dismissNotices,
  goTo,
  reveal,
  screenshot,
  search,
  setLanguage,
  typeInto,
  openLedger,
} from "./helpers.mjs";

const LATER = "復元テスト株式会社";

/** The row of the first backup whose reason reads `reason`. */
const rowOf = (reason) =>
  $(`//tr[@data-testid="backup-row"][td[2][normalize-space(.)="${reason}"]]`);

async function rows() {
  return browser.execute(() =>
    [
      ...document.querySelectorAll(
        '[data-testid="backup-row"] td:nth-child(2)',
      ),
    ].map((td) => td.textContent.trim()),
  );
}

describe("backups in the real window", () => {
  before(async () => {
    await openLedger();
    await setLanguage("ja", "顧客カード");
  });

  it("makes a checked backup now and shows it with what it holds", async () => {
    await goTo("backups");
    await byTestId("backup-now").click();
    await rowOf("手動").waitForDisplayed({
      timeoutMsg: "no backup made by hand is listed",
    });
    await expect(rowOf("手動")).toHaveText(
      expect.stringMatching(/カード [\d,]+件/),
    );
    await expect(byTestId("backup-state")).toHaveText(
      expect.stringContaining("最終バックアップ"),
    );
    await dismissNotices();
  });

  it("restores the backup after showing it beside the ledger now, and keeps the ledger it replaced", async () => {
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await typeInto("card-form", "name", LATER);
    await byTestId("save-card").click();
    await expect(byTestId("card-title")).toHaveText(LATER);

    await goTo("backups");
    await rowOf("手動").$('[data-testid="backup-restore"]').click();
    const dialog = await byTestId("restore-dialog");
    await dialog.waitForDisplayed();
    await expect(dialog).toHaveText(expect.stringContaining("現在の台帳"));
    await expect(dialog.$(".differs")).toBeDisplayed();
    await screenshot("ja-backups-restore");
    await byTestId("confirm-restore").click();
    await expect(byTestId("notice")).toHaveText(
      expect.stringContaining("復元しました"),
    );
    await rowOf("復元前").waitForDisplayed({
      timeoutMsg: "the ledger before the restore is not kept",
    });
    await search(LATER);
    await byTestId("list-empty").waitForDisplayed({
      timeoutMsg: "the card made after the backup is still there",
    });
    await dismissNotices();
  });

  it("checks every backup whole", async () => {
    await goTo("backups");
    await byTestId("backups-check").waitForClickable();
    await byTestId("backups-check").click();
    // Every row gets its verdict (the passing notice may be gone by the time it is looked for).
    await browser.waitUntil(
      async () =>
        (await $$('[data-testid="backup-check"]').length) ===
        (await rows()).length,
      {
        timeout: 30000,
        timeoutMsg: "not every backup was checked",
      },
    );
    const verdicts = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="backup-check"]')].map(
        (e) => e.className,
      ),
    );
    expect(verdicts.every((c) => !c.includes("bad"))).toBe(true);
    await dismissNotices();
  });

  it("logs every copy that left the ledger and the restore, with where it went", async () => {
    await goTo("copies");
    const kinds = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="copy-row"]')].map((r) =>
        r.getAttribute("data-kind"),
      ),
    );
    // Newest first: the restore, the backup of the ledger it replaced, and the backup by hand.
    expect(kinds.slice(0, 2)).toEqual(["restore", "backup"]);
    expect(kinds).toContain("backup");
    const restore = await $('[data-testid="copy-row"][data-kind="restore"]');
    await expect(restore).toHaveText(expect.stringContaining("復元"));
    await expect(restore).toHaveText(expect.stringContaining("復元元"));
    const byHand = await $(
      '//tr[@data-testid="copy-row"][td[3][normalize-space(.)="手動"]]',
    );
    await expect(byHand).toHaveText(expect.stringContaining(".daicho"));
  });

  for (const [lang, cards, made] of [
    ["ja", "顧客カード", "手動"],
    ["zh", "客户卡", "手动"],
    ["ko", "고객카드", "수동"],
    ["en", "Cards", "By hand"],
  ]) {
    it(`shows the backups in ${lang}`, async () => {
      await setLanguage(lang, cards);
      await goTo("backups");
      await rowOf(made).waitForDisplayed();
      await dismissNotices();
      await screenshot(`${lang}-backups`);
      await goTo("settings");
      await reveal("backup-settings");
      await expect(byTestId("backup-folder-default")).toHaveText(
        expect.stringContaining("backups"),
      );
      await screenshot(`${lang}-backup-settings`);
      await goTo("copies");
      await byTestId("copies-table").waitForDisplayed();
      await screenshot(`${lang}-copies`);
    });
  }
});
