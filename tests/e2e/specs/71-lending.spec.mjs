// Lending a card for a leave and taking it back in the real window: the owner lends a card until
// a day (the card says to whom and until when), the colleague logs a visit and corrects the city,
// the owner (back early, the lending withdrawn) corrected the city too. The colleague's file back
// shows the city side by side; the owner keeps the colleague's value, and the visit joins the card.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@wdio/globals";
import {
  byTestId,
  choose,
  dismissNotices,
  goTo,
  screenshot,
  search,
  setLanguage,
  typeInto,
  openLedgerAt,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-lending-"));
const OWNER = "貸出 一郎";
const COLLEAGUE = "代理 次郎";
const CARD = "ひかり測器株式会社";
const PASS = "kitsune soba 2026";
const until = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);

/** Writes the cards of `owner` for `to` under the passphrase; returns the file and its signer. */
async function handOver(owner, to, lendUntil) {
  await goTo("handover");
  await choose('[data-testid="handover-owner"]', owner);
  await byTestId("handover-successor").setValue(to);
  await byTestId("handover-give-passphrase").setValue(PASS);
  if (lendUntil) {
    await byTestId("handover-lend").click();
    // A date field's own picker differs by platform: the value is set as the picker sets it.
    const input = await byTestId("handover-lend-until");
    await browser.execute(
      (el, value) => {
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      },
      input,
      lendUntil,
    );
  }
  await byTestId("handover-write").click();
  const written = await byTestId("handover-written");
  await written.waitForDisplayed();
  const signer = (await byTestId("handover-signed").getText()).match(
    /[0-9A-F]{4}( [0-9A-F]{4}){7}/,
  )[0];
  const file = (await written.getText()).split("：").slice(1).join("：").trim();
  return { file, signer };
}

async function previewFile(file) {
  await goTo("handover");
  await byTestId("handover-bundle").setValue(file);
  await byTestId("handover-take-passphrase").setValue(PASS);
  await byTestId("handover-preview").click();
  await byTestId("handover-card").waitForDisplayed();
}

async function openTheCard() {
  await goTo("cards");
  await search(CARD);
  await $(
    `//*[@data-testid="card-row"]//button[contains(., "${CARD}")]`,
  ).click();
  await byTestId("card-page").waitForDisplayed();
}

describe("lending a card for a leave and taking it back", () => {
  let demoPath;
  let lent;
  let back;

  before(async () => {
    demoPath = await startInJapanese(out);
  });

  it("lends a card until a day: the card says to whom and until when", async () => {
    await goTo("cards");
    await byTestId("new-card").click();
    await byTestId("new-organisation").click();
    await typeInto("card-form", "name", CARD);
    await typeInto("card-form", "owner", OWNER);
    await typeInto("card-form", "city", "札幌市");
    await byTestId("save-card").click();
    await expect(byTestId("card-title")).toHaveText(CARD);
    lent = await handOver(OWNER, COLLEAGUE, until);
    await expect(byTestId("handover-given-lent")).toHaveText(
      expect.stringContaining("まで"),
    );
    await openTheCard();
    await expect(byTestId("handed-over-banner")).toHaveText(
      expect.stringContaining(COLLEAGUE),
    );
    await expect(byTestId("handed-over-banner")).toHaveText(
      expect.stringContaining("まで貸し出し中"),
    );
    await screenshot("ja-card-lent-until");
    await search("");
  });

  it("the colleague takes it over, logs a visit, corrects the city and hands it back", async () => {
    await openLedgerAt(path.join(out, "colleague.daicho"), true);
    await previewFile(lent.file);
    await expect(byTestId("handover-lent-until")).toBeDisplayed();
    await byTestId("handover-confirmed-by").setValue(COLLEAGUE);
    await byTestId("handover-signer-ok").click();
    await byTestId("handover-take-over").click();
    await byTestId("handover-import").waitForDisplayed();
    await dismissNotices();
    await openTheCard();
    // The colleague's card says whose it is and until when.
    await expect(byTestId("borrowed-banner")).toHaveText(
      expect.stringContaining(OWNER),
    );
    await screenshot("ja-card-borrowed");
    await byTestId("add-contact").click();
    await typeInto("contact-form", "content", "代理で訪問、見積もりを約束");
    await byTestId("save-contact").click();
    await byTestId("contact").waitForDisplayed();
    await typeInto("card-form", "city", "旭川市");
    await byTestId("save-card").click();
    await byTestId("unsaved").waitForDisplayed({ reverse: true });
    await search("");
    back = await handOver(COLLEAGUE, OWNER);
    await dismissNotices();
  });

  it("the owner, back early, corrected the city too, and chooses side by side", async () => {
    await openLedgerAt(demoPath, false);
    await goTo("handover");
    await byTestId("handover-withdraw").click();
    await byTestId("confirm-withdraw").click();
    await dismissNotices();
    await openTheCard();
    await typeInto("card-form", "city", "函館市");
    await byTestId("save-card").click();
    await byTestId("unsaved").waitForDisplayed({ reverse: true });
    await search("");
    for (const [lang, cardsLabel] of [
      ["zh", "客户卡"],
      ["ko", "고객카드"],
      ["en", "Cards"],
      ["ja", "顧客カード"],
    ]) {
      await setLanguage(lang, cardsLabel);
      await previewFile(back.file);
      await byTestId("return-conflicts").waitForDisplayed();
      await byTestId("return-conflicts").scrollIntoView();
      await screenshot(`${lang}-handover-return`);
    }
    await expect(byTestId("handover-card")).toHaveAttribute(
      "data-status",
      "returning",
    );
    const conflict = await byTestId("return-conflict");
    await expect(conflict).toHaveText(expect.stringContaining("函館市"));
    await expect(conflict).toHaveText(expect.stringContaining("旭川市"));
    await byTestId("handover-confirmed-by").setValue(OWNER);
    await byTestId("handover-signer-ok").click();
    await expect(byTestId("handover-take-over")).toBeDisabled();
    await byTestId("conflict-theirs").click();
    await byTestId("handover-take-over").click();
    await byTestId("handover-import").waitForDisplayed();
    await expect($('[data-testid="notice"]')).toHaveText(
      expect.stringContaining(COLLEAGUE),
    );
    await dismissNotices();
    await openTheCard();
    await expect(byTestId("handed-over-banner")).not.toBeDisplayed();
    await expect(byTestId("contacts")).toHaveText(
      expect.stringContaining("代理で訪問、見積もりを約束"),
    );
    await expect(byTestId("add-contact")).toBeEnabled();
    await screenshot("ja-card-came-back");
    await search("");
  });

  after(async () => {
    await goTo("settings");
    await byTestId("open-demo").click();
  });
});
