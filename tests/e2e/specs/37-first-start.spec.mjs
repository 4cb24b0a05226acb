// The first start on a computer (the app started with no ledger asked for): the window welcomes
// the rep in the language they pick, will not go on without their name, and uses that name as
// the Rep of the contacts they log; `?` lists the keyboard shortcuts. Screenshots of the welcome
// in each language and of the shortcuts.
import {
  byTestId,
  choose,
  field,
  openFirstRow,
  openLedger,
  screenshot,
  search,
} from "./helpers.mjs";

const TITLES = {
  en: "Welcome to Daicho",
  ja: "台帳へようこそ",
  zh: "欢迎使用台账",
  ko: "대장에 오신 것을 환영합니다",
};

describe("the first start on a computer", () => {
  it("welcomes the rep in their language and goes no further without a name", async () => {
    await openLedger();
    const welcome = await byTestId("welcome");
    // The recovery key of the ledger made for the rep comes first, then the welcome.
    await browser.waitUntil(async () => {
      const recovery = await $$('[data-testid="recovery-done"]');
      if (recovery.length > 0 && (await recovery[0].isDisplayed()))
        await recovery[0].click();
      return welcome.isDisplayed();
    });
    for (const lang of ["en", "ja", "zh", "ko"]) {
      await choose('[data-testid="welcome-language"]', lang);
      await browser.waitUntil(
        async () => (await welcome.getText()).includes(TITLES[lang]),
        { timeoutMsg: `the welcome did not switch to ${lang}` },
      );
      await screenshot(`${lang}-welcome`);
    }

    await choose('[data-testid="welcome-language"]', "ja");
    await browser.execute(() => {
      const input = document.querySelector('[data-testid="welcome-name"]');
      input.value = "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await byTestId("welcome-empty").click();
    await byTestId("welcome-name-missing").waitForDisplayed();
    await expect(welcome).toBeDisplayed();
    await screenshot("ja-welcome-no-name");
  });

  it("keeps the name, opens the demo, and logs contacts under that name", async () => {
    await byTestId("welcome-name").setValue("佐藤 花子");
    await byTestId("welcome-demo").click();
    await byTestId("welcome").waitForExist({ reverse: true, timeout: 60000 });
    // The demo ledger is made under the same passphrase: its own recovery key is shown once.
    await byTestId("recovery-done").click();
    await byTestId("recovery-dialog").waitForExist({ reverse: true });
    // The rep's empty ledger had no card: the demo's are listed, in the language chosen.
    await browser.waitUntil(
      async () => (await $$('[data-testid="card-row"]').length) > 5,
      { timeout: 30000 },
    );
    await expect(byTestId("nav-cards")).toHaveText(
      expect.stringContaining("顧客カード"),
    );

    await openFirstRow();
    await byTestId("add-contact").click();
    await expect(field("contact-form", "rep")).toHaveValue("佐藤 花子");
  });

  it("does not welcome again once the name is given", async () => {
    await browser.refresh();
    await byTestId("cards-page").waitForDisplayed({ timeout: 30000 });
    await expect(byTestId("welcome")).not.toBeExisting();
  });

  it("arranges the list's columns: hidden, widened, compact, and kept for the next start", async () => {
    await search("");
    await browser.waitUntil(
      async () => (await $$('[data-testid="card-row"]').length) > 5,
    );
    // The name's column is first fitted to the names on screen.
    await $(
      '[data-testid="card-table"][data-name-fitted="true"]',
    ).waitForExist();
    const nameHeading = await $(
      '[data-testid="card-table"] [data-column="name"]',
    );
    const before = (await nameHeading.getSize()).width;
    await byTestId("columns-open").click();
    await byTestId("column-phone").click();
    await byTestId("column-reading").click();
    await byTestId("list-compact").click();
    await browser.waitUntil(
      async () =>
        !(await $(
          '[data-testid="card-table"] [data-column="phone"]',
        ).isExisting()),
    );
    await screenshot("ja-columns-menu");
    await browser.keys("Escape");
    // The name's column dragged 120 px wider by the grip at its heading's edge.
    const grip = await byTestId("resize-name");
    await browser
      .action("pointer")
      .move({ origin: grip })
      .down()
      .move({ origin: "pointer", x: 60, y: 0 })
      .move({ origin: "pointer", x: 60, y: 0 })
      .up()
      .perform();
    await browser.waitUntil(
      async () => (await nameHeading.getSize()).width > before + 60,
      { timeoutMsg: "the name column did not widen" },
    );
    await screenshot("ja-cards-arranged");

    await browser.refresh();
    await byTestId("cards-page").waitForDisplayed({ timeout: 30000 });
    await browser.waitUntil(
      async () => (await $$('[data-testid="card-row"]').length) > 5,
    );
    await expect(
      $('[data-testid="card-table"] [data-column="phone"]'),
    ).not.toBeExisting();
    await expect(
      $('[data-testid="card-table"] [data-column="reading"]'),
    ).not.toBeExisting();
    const row = await $('[data-testid="card-row"]');
    await expect((await row.getSize()).height).toBe(30);
    await browser.waitUntil(
      async () =>
        (await $('[data-testid="card-table"] [data-column="name"]').getSize())
          .width >
        before + 60,
    );

    // All put back: every column, its own width, comfortable rows.
    await byTestId("columns-open").click();
    await byTestId("column-phone").click();
    await byTestId("column-reading").click();
    await byTestId("list-compact").click();
    await byTestId("reset-widths").click();
    await browser.keys("Escape");
    await $('[data-testid="card-table"] [data-column="phone"]').waitForExist();
    await browser.waitUntil(
      async () =>
        Math.abs(
          (await $('[data-testid="card-table"] [data-column="name"]').getSize())
            .width - before,
        ) < 2,
    );
  });

  it("fits the columns to what they hold: no name on screen is cut", async () => {
    const cutNames = () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="card-row"] .name button')]
          .filter(
            (b) => b.scrollWidth > b.clientWidth + 1 && b.scrollWidth < 400,
          )
          .map((b) => b.textContent),
      );
    await byTestId("columns-open").click();
    await byTestId("fit-widths").click();
    await browser.waitUntil(async () => (await cutNames()).length === 0, {
      timeoutMsg: "names still cut after fitting the columns",
    });
    await screenshot("ja-cards-fitted");
    await byTestId("columns-open").click();
    await byTestId("reset-widths").click();
    await browser.keys("Escape");
  });

  it("lists the keyboard shortcuts on ?, but not while the rep types one", async () => {
    const box = await byTestId("list-search");
    await box.click();
    await browser.keys("?");
    await expect(box).toHaveValue("?");
    await expect(byTestId("shortcuts")).not.toBeExisting();
    await search("");
    await $("h1, h2").click();
    await browser.keys("?");
    await byTestId("shortcuts").waitForDisplayed();
    await expect(byTestId("shortcuts")).toHaveText(
      expect.stringContaining("カードを保存"),
    );
    await screenshot("ja-shortcuts");
    await browser.keys("Escape");
    await byTestId("shortcuts").waitForExist({ reverse: true });
    await byTestId("shortcuts-open").click();
    await byTestId("shortcuts").waitForDisplayed();
    await browser.keys("Escape");
    await byTestId("shortcuts").waitForExist({ reverse: true });
  });
});
