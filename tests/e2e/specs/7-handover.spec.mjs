// Handing customers over in the real window: three cards of a leaving rep go into a handover file,
// a second ledger takes them over (owner becomes the successor, contacts kept), and the take-over
// is listed with its confirmation. Then the page in each language.
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
  expectRows,
  openLedgerAt,
  startInJapanese,
} from "./helpers.mjs";

const out = mkdtempSync(path.join(os.tmpdir(), "daicho-handover-"));
const LEAVING = "引継 太郎";
const SUCCESSOR = "後任 花子";
const CARDS = [
  "みなと精工株式会社",
  "さくら物流合同会社",
  "あおば電機株式会社",
];

/** Told to the successor by phone, not in the e-mail carrying the file. */
const HANDOVER_PASSPHRASE = "kitsune udon 2026";

describe("handing customers over in the real window", () => {
  let bundle;
  let partial;
  let fingerprint;
  /** The leaving rep's ledger. */
  let demoPath;

  before(async () => {
    demoPath = await startInJapanese(out);
  });

  it("writes a leaving rep's three cards into one handover file", async () => {
    for (const name of CARDS) {
      await goTo("cards");
      await byTestId("new-card").click();
      await byTestId("new-organisation").click();
      await typeInto("card-form", "name", name);
      await typeInto("card-form", "owner", LEAVING);
      await byTestId("save-card").click();
      await expect(byTestId("card-title")).toHaveText(name);
      await byTestId("add-contact").click();
      await typeInto("contact-form", "content", `${name}の担当者と面談`);
      await byTestId("save-contact").click();
      await byTestId("contact").waitForDisplayed();
    }
    await goTo("handover");
    await choose('[data-testid="handover-owner"]', LEAVING);
    await byTestId("handover-successor").setValue(SUCCESSOR);
    // Not written before it is protected for the successor.
    await expect(byTestId("handover-write")).toBeDisabled();
    await byTestId("handover-give-passphrase").setValue(HANDOVER_PASSPHRASE);
    await byTestId("handover-write").click();
    const written = await byTestId("handover-written");
    await written.waitForDisplayed();
    await expect(written).toHaveText(expect.stringContaining("3 件のカード"));
    fingerprint = (await byTestId("handover-signed").getText()).match(
      /[0-9A-F]{4}( [0-9A-F]{4}){7}/,
    )[0];
    bundle = (await written.getText()).split("：").slice(1).join("：").trim();
    expect(bundle.startsWith(out)).toBe(true);
    // The three cards stay here read-only, and the page lists where they went.
    await expect(byTestId("handover-given-row")).toHaveText(
      expect.stringContaining(SUCCESSOR),
    );
    await byTestId("handover-given").scrollIntoView();
    await screenshot("ja-handover-given");
    await goTo("cards");
    await search(CARDS[0]);
    await $(
      `//*[@data-testid="card-row"]//button[contains(., "${CARDS[0]}")]`,
    ).click();
    await expect(byTestId("handed-over-banner")).toHaveText(
      expect.stringContaining(SUCCESSOR),
    );
    await expect(byTestId("add-contact")).toBeDisabled();
    await screenshot("ja-card-handed-over");
    await search("");
  });

  it("hands over only the cards ticked in the card list", async () => {
    await goTo("cards");
    for (const name of CARDS.slice(0, 2)) {
      await search(name);
      await $('[data-testid="card-select"]').click();
    }
    await expect(byTestId("bulk-count")).toHaveText(
      expect.stringContaining("2 件を選択中"),
    );
    await byTestId("bulk-handover").click();
    await expect(byTestId("handover-ticked")).toHaveText(
      expect.stringContaining("2 件のカード"),
    );
    await byTestId("handover-successor").setValue(SUCCESSOR);
    await byTestId("handover-give-passphrase").setValue(HANDOVER_PASSPHRASE);
    await byTestId("handover-write").click();
    const written = await byTestId("handover-written");
    await written.waitForDisplayed();
    await expect(written).toHaveText(expect.stringContaining("2 件のカード"));
    partial = (await written.getText()).split("：").slice(1).join("：").trim();
    await screenshot("ja-handover-ticked");
    await byTestId("handover-by-owner").click();
    await byTestId("handover-owner").waitForDisplayed();
    // The second file is withdrawn (it never went out): its two cards are editable again; the
    // first file keeps its third card.
    await browser.waitUntil(
      async () => (await $$('[data-testid="handover-given-row"]').length) === 2,
    );
    await byTestId("handover-withdraw").click();
    await byTestId("confirm-withdraw").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="handover-given-row"]').length) === 1,
    );
    await dismissNotices();
    await goTo("cards");
    await byTestId("bulk-clear").click();
    await search(CARDS[0]);
    await $(
      `//*[@data-testid="card-row"]//button[contains(., "${CARDS[0]}")]`,
    ).click();
    await expect(byTestId("add-contact")).toBeEnabled();
    await expect(byTestId("handed-over-banner")).not.toBeDisplayed();
    await search("");
  });

  it("takes them over in a second ledger, where they belong to the successor with their contacts", async () => {
    await openLedgerAt(path.join(out, "successor.daicho"), true);
    await goTo("handover");
    await byTestId("handover-bundle").setValue(partial);
    // Without the passphrase the colleague gave, the file does not open.
    await byTestId("handover-preview").click();
    await expect($('[data-testid="notice"]')).toHaveText(
      expect.stringContaining("パスフレーズ"),
    );
    await dismissNotices();
    await byTestId("handover-take-passphrase").setValue(HANDOVER_PASSPHRASE);
    await byTestId("handover-preview").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="handover-card"]').length) === 2,
      {
        timeoutMsg: "the ticked cards' file does not hold two cards",
      },
    );
    await expect(byTestId("handover-from-to")).toHaveText(
      expect.stringContaining(`${LEAVING} → ${SUCCESSOR}`),
    );
    await byTestId("handover-bundle").setValue(bundle);
    await byTestId("handover-preview").click();
    await browser.waitUntil(
      async () =>
        (await $$('[data-testid="handover-card"][data-status="new"]')
          .length) === 3,
    );
    await byTestId("handover-confirmed-by").setValue(SUCCESSOR);
    // The signer is shown, to compare with the report; taking over waits for the tick.
    await expect(byTestId("handover-signer")).toHaveText(
      expect.stringContaining(fingerprint),
    );
    await expect(byTestId("handover-take-over")).toBeDisabled();
    await byTestId("handover-signer-ok").click();
    await screenshot("ja-handover-preview");
    await byTestId("handover-take-over").click();
    const record = await byTestId("handover-import");
    await record.waitForDisplayed();
    await expect(record).toHaveText(expect.stringContaining("3 件追加"));
    await search("");
    await goTo("cards");
    await expectRows(CARDS);
    const owners = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-row"]')].map(
        (r) => r.textContent,
      ),
    );
    expect(owners.every((t) => t.includes(SUCCESSOR))).toBe(true);
    await $(
      `//*[@data-testid="card-row"]//button[text()="${CARDS[0]}"]`,
    ).click();
    await expect(byTestId("contacts")).toHaveText(
      expect.stringContaining(`${CARDS[0]}の担当者と面談`),
    );
  });

  it("takes the same file over again without changing anything", async () => {
    await goTo("handover");
    await byTestId("handover-bundle").setValue(bundle);
    await byTestId("handover-take-passphrase").setValue(HANDOVER_PASSPHRASE);
    await byTestId("handover-preview").click();
    await byTestId("handover-confirmed-by").setValue(SUCCESSOR);
    await byTestId("handover-signer-ok").click();
    await byTestId("handover-take-over").click();
    await browser.waitUntil(
      async () => (await $$('[data-testid="handover-import"]').length) === 1,
    );
  });

  it("sends the successor's receipt back, and the leaving ledger removes the card taken over for good", async () => {
    await dismissNotices();
    await goTo("handover");
    await byTestId("handover-write-receipt").click();
    let receipt = "";
    await browser.waitUntil(
      async () => {
        const said = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid="notice"]')]
            .map((n) => n.textContent)
            .join("\n"),
        );
        receipt = said.match(/：([^：\n]*\.daicho-receipt)/)?.[1].trim() ?? "";
        return receipt !== "";
      },
      { timeoutMsg: "no notice names the receipt written" },
    );
    expect(receipt.startsWith(out)).toBe(true);
    await dismissNotices();
    await openLedgerAt(demoPath, false);
    await goTo("handover");
    await byTestId("receipt-path").setValue(receipt);
    await byTestId("receipt-accept").click();
    await expect(byTestId("handover-receipt")).toHaveText(
      expect.stringContaining(SUCCESSOR),
    );
    await byTestId("handover-given").scrollIntoView();
    await screenshot("ja-handover-receipt");
    await dismissNotices();
    await byTestId("handover-remove").click();
    await byTestId("confirm-remove").click();
    await byTestId("handover-removed").waitForDisplayed();
    await expect(
      $$('[data-testid="handover-given-row"]'),
    ).toBeElementsArrayOfSize(0);
    await dismissNotices();
    await goTo("cards");
    await search(CARDS[2]);
    await browser.waitUntil(
      async () => (await $$('[data-testid="card-row"]').length) === 0,
      { timeoutMsg: "the card taken over is still here" },
    );
    await search("");
    await openLedgerAt(path.join(out, "successor.daicho"), false);
  });

  for (const [lang, cardsLabel] of [
    ["ja", "顧客カード"],
    ["zh", "客户卡"],
    ["ko", "고객카드"],
    ["en", "Cards"],
  ]) {
    it(`shows the handover page in ${lang}`, async () => {
      await setLanguage(lang, cardsLabel);
      await dismissNotices();
      await goTo("handover");
      await byTestId("handover-bundle").setValue(bundle);
      await byTestId("handover-take-passphrase").setValue(HANDOVER_PASSPHRASE);
      await byTestId("handover-preview").click();
      await byTestId("handover-card").waitForDisplayed();
      await screenshot(`${lang}-handover`);
    });
  }

  after(async () => {
    await goTo("settings");
    await byTestId("open-demo").click();
  });
});
