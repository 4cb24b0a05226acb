// A screenshot of each main screen in each language, kept as test artefacts
// (tests/e2e/artifacts/<lang>-<screen>.png) to look at.
import { expect } from "@wdio/globals";
import {
  openFirstRow,
  byTestId,
  choose,
  dismissNotices,
  goTo,
  openLedger,
  screenshot,
  search,
  setLanguage,
  PASSPHRASE,
} from "./helpers.mjs";

const LANGUAGES = [
  ["ja", "顧客カード"],
  ["zh", "客户卡"],
  ["ko", "고객카드"],
  ["en", "Cards"],
];

describe("every main screen in every language", () => {
  before(async () => {
    // A rep who works in Chinese closes the app; the next start is in Chinese, locked.
    await openLedger();
    await setLanguage("zh", "客户卡");
    await browser.reloadSession();
    // A new start: the ledger is locked; a wrong passphrase is refused in the rep's language.
    await byTestId("lock-screen").waitForDisplayed({ timeout: 30000 });
    await expect(byTestId("lock-repeat")).not.toBeExisting();
    await byTestId("lock-passphrase").setValue("not the passphrase");
    await byTestId("lock-submit").click();
    await expect(byTestId("lock-error")).toHaveText(
      expect.stringContaining("口令"),
    );
    await screenshot("zh-lock-wrong");
    await byTestId("lock-toggle").click();
    await expect(byTestId("lock-recovery")).toBeDisplayed();
    await byTestId("lock-toggle").click();
    await openLedger();
  });

  it("opens in the language chosen last time", async () => {
    // The session before the restart ended in Chinese.
    await expect(byTestId("nav-cards")).toHaveText(
      expect.stringContaining("客户卡"),
    );
  });

  for (const [lang, cardsLabel] of LANGUAGES) {
    it(`renders in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      // Locked by hand (someone at the desk), then opened again with the passphrase.
      await byTestId("lock-now").click();
      await byTestId("lock-screen").waitForDisplayed();
      await screenshot(`${lang}-lock`);
      await byTestId("lock-passphrase").setValue(PASSPHRASE);
      await byTestId("lock-submit").click();
      await byTestId("lock-screen").waitForExist({
        reverse: true,
        timeout: 30000,
      });
      await goTo("settings");
      await expect(byTestId("protection-state")).toBeDisplayed();
      await screenshot(`${lang}-settings`);
      if (lang === "ja") {
        // The idle lock is chosen here and kept in Settings.
        await choose('[data-testid="idle-lock"]', "15");
        await expect(byTestId("notice")).toHaveText(
          expect.stringContaining("保存"),
        );
        await dismissNotices();
        const kept = await browser.execute(() =>
          window.__TAURI_INTERNALS__.invoke("app_info"),
        );
        expect(kept.settings.auto_lock_minutes).toBe(15);
        await $('[data-testid="protection"]').scrollIntoView();
        await screenshot("ja-settings-idle-lock");
        // Off again: the later specs are not timed against it.
        await choose('[data-testid="idle-lock"]', "0");
        await byTestId("notice").waitForDisplayed();
        await dismissNotices();
      }

      await goTo("cards");
      await search("");
      await browser.waitUntil(
        async () => (await $$('[data-testid="card-row"]').length) > 5,
      );
      await screenshot(`${lang}-cards`);

      await search("株式会社");
      await openFirstRow();
      await byTestId("key-person").waitForDisplayed();
      await byTestId("history-entry").waitForDisplayed();
      await screenshot(`${lang}-card`);
      await byTestId("add-contact").click();
      await byTestId("contact-form").waitForDisplayed();
      await screenshot(`${lang}-contact-form`);
      await byTestId("cancel-contact").click();
      await byTestId("contact-form").waitForDisplayed({ reverse: true });

      await goTo("cards");
      await byTestId("new-card").click();
      await byTestId("new-card-dialog").waitForDisplayed();
      await screenshot(`${lang}-new-card`);
      await byTestId("new-individual").click();
      await byTestId("save-card").click();
      await byTestId("error-name").waitForDisplayed();
      await expect(byTestId("error-name")).not.toHaveText("rule.required");
      await dismissNotices();
      await screenshot(`${lang}-card-invalid`);

      await goTo("trash");
      await screenshot(`${lang}-trash`);
      await search("");
    });
  }
});
