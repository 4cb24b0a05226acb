// Small steps shared by the specs. Every wait is for a condition, never a fixed time.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const artifacts = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../artifacts",
);

export const byTestId = (id) => $(`[data-testid="${id}"]`);

/** Sets a <select> the way a user's choice does: its value, then a change event. */
export async function choose(selector, value) {
  const select = await $(selector);
  await select.waitForExist();
  await browser.execute(
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    select,
    value,
  );
}

/** Chooses the option of a <select> whose text is `text`, as a user picking it by name. */
export async function chooseText(selector, text) {
  const select = await $(selector);
  await select.waitForExist();
  const found = await browser.execute(
    (el, wanted) => {
      const option = [...el.options].find(
        (o) => o.textContent.trim() === wanted,
      );
      if (!option) return false;
      el.value = option.value;
      el.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    },
    select,
    text,
  );
  if (!found) throw new Error(`no option "${text}" in ${selector}`);
}

/** Types `value` into an input as one edit (an input event), e.g. a number field. */
export async function fill(element, value) {
  await element.waitForDisplayed();
  await browser.execute(
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    element,
    value,
  );
}

export async function goTo(page) {
  await byTestId(`nav-${page}`).click();
  await byTestId(`${page}-page`).waitForDisplayed();
}

export async function setLanguage(lang, cardsLabel) {
  await goTo("settings");
  await choose('[data-testid="language"]', lang);
  await browser.waitUntil(
    async () => (await byTestId("nav-cards").getText()).includes(cardsLabel),
    {
      timeoutMsg: `the sidebar did not switch to ${lang}`,
    },
  );
  await browser.waitUntil(async () =>
    (await browser.execute(() => document.documentElement.lang)).startsWith(
      lang,
    ),
  );
}

/** The input of field `path` inside the element with test id `scope`. */
export const field = (scope, fieldPath) =>
  $(
    `[data-testid="${scope}"] [data-field="${fieldPath}"] input, [data-testid="${scope}"] [data-field="${fieldPath}"] textarea`,
  );

export async function typeInto(scope, fieldPath, text) {
  const input = await field(scope, fieldPath);
  await input.waitForDisplayed();
  await input.clearValue();
  await input.setValue(text);
}

/** Narrows the card list to `text` with the list's own search field and waits for the rows. */
export async function search(text) {
  if (!(await byTestId("cards-page").isExisting())) await goTo("cards");
  const box = await byTestId("list-search");
  await box.waitForDisplayed();
  if (text === "") {
    // WebDriver cannot type an empty string: clear the box as the user's backspace would.
    await browser.execute((el) => {
      el.value = "";
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, box);
  } else {
    await box.setValue(text);
  }
  const page = await byTestId("cards-page");
  await page.waitForDisplayed();
  await browser.waitUntil(
    async () => (await page.getAttribute("data-shown-text")) === text,
    {
      timeoutMsg: `the list did not show the results for "${text}"`,
    },
  );
}

/** Types into the search box at the top and waits for its results panel. */
export async function searchBox(text) {
  const box = await byTestId("search");
  await box.waitForDisplayed();
  await box.click();
  await box.clearValue();
  await box.setValue(text);
  const panel = await byTestId("search-results");
  await panel.waitForDisplayed();
  await browser.waitUntil(
    async () => (await panel.getAttribute("data-answered")) === text.trim(),
    {
      timeoutMsg: `the search box did not answer "${text}"`,
    },
  );
}

/** The search box's result for the customer named `name` (the name may be marked in parts). */
export const searchHit = (name) =>
  $(
    `//button[@data-testid="search-card"][.//span[contains(concat(" ", @class, " "), " name ")][normalize-space(.)="${name}"]]`,
  );

/** Waits until the list shows exactly the cards named `names` (in any order). */
export async function expectRows(names) {
  await browser.waitUntil(
    async () => {
      const shown = await browser.execute(() =>
        [
          ...document.querySelectorAll('[data-testid="card-row"] .name .link'),
        ].map((e) => e.textContent.trim()),
      );
      return (
        shown.length === names.length && names.every((n) => shown.includes(n))
      );
    },
    { timeoutMsg: `the list did not show ${JSON.stringify(names)}` },
  );
}

/** A picture of the real window, taken from the X display (WebKitWebDriver's own screenshot
 * can wait forever for a repaint under Xvfb). */
export async function screenshot(name) {
  await browser.execute(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(done)),
      ),
  );
  grabScreen(path.join(artifacts, `${name}.png`));
}

export function grabScreen(file) {
  execFileSync("import", ["-window", "root", file]);
}

/** Closes the passing notices, so that a screenshot shows the page itself. */
export async function dismissNotices() {
  // Clicked inside the page in one step: a notice that times out between finding its button and
  // clicking it would leave WebDriver holding a stale element.
  await browser.waitUntil(async () =>
    browser.execute(() => {
      for (const close of document.querySelectorAll(
        '[data-testid="notice"] .close',
      ))
        close.click();
      return document.querySelectorAll('[data-testid="notice"]').length === 0;
    }),
  );
}

/** Opens the first card of the list. Retries the click while the list is still re-rendering
 * (a click that lands on a row being replaced is "intercepted"). */
export async function openFirstRow() {
  const button = () => $('[data-testid="card-row"] .name button');
  await button().waitForDisplayed();
  await browser.waitUntil(
    async () => {
      try {
        await button().click();
        return true;
      } catch {
        return false;
      }
    },
    { timeoutMsg: "could not open the first card of the list" },
  );
  await byTestId("card-page").waitForDisplayed();
}

/** Scrolls the page's own scroller so that the element with test id `id` is at the top (the
 * DOM's scrollIntoView: WebdriverIO's scrolls the window, which shifts the whole shell). */
export async function reveal(id) {
  await byTestId(id).waitForExist();
  await browser.execute(
    (testid) =>
      document.querySelector(`[data-testid="${testid}"]`).scrollIntoView(),
    id,
  );
}

/** A day `days` from today in the window's local time, as the core stores dates. */
export const dayFromToday = (days) =>
  browser.execute((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x) => String(x).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);

/** How many pixels of the canvas with test id `id` are drawn. */
export const drawnPixels = (id) =>
  browser.execute((testid) => {
    const canvas = document.querySelector(`[data-testid="${testid}"]`);
    const data = canvas
      .getContext("2d")
      .getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return drawn;
  }, id);

/** Opens the card named `name` through the search box, whatever the list's class filter was. */
export async function openCard(name) {
  await goTo("cards");
  await choose('[data-testid="filter-abc"]', "");
  if (await byTestId("clear-chart-filter").isExisting())
    await byTestId("clear-chart-filter").click();
  await searchBox(name);
  const hit = await searchHit(name);
  await hit.waitForDisplayed({
    timeoutMsg: `the search box did not offer "${name}"`,
  });
  await hit.click();
  await byTestId("card-page").waitForDisplayed();
}

/** The passphrase the rep chooses on the first start (this test machine has no keychain). */
export const PASSPHRASE = "e2e ledger passphrase";

/** Waits for the window to start: the lock screen (answered with PASSPHRASE, chosen on the
 * first start) or the card list; a recovery key shown for a new ledger is acknowledged. */
export async function openLedger() {
  const started = await $(
    '[data-testid="lock-screen"], [data-testid="cards-page"]',
  );
  await started.waitForExist({
    timeout: 30000,
    timeoutMsg: "neither the lock screen nor the card list appeared",
  });
  if ((await started.getAttribute("data-testid")) === "lock-screen") {
    await byTestId("lock-passphrase").setValue(PASSPHRASE);
    const repeat = await $$('[data-testid="lock-repeat"]');
    if (repeat.length > 0) await repeat[0].setValue(PASSPHRASE);
    await byTestId("lock-submit").click();
    await byTestId("lock-screen").waitForExist({
      reverse: true,
      timeout: 40000,
    });
  }
  await byTestId("cards-page").waitForDisplayed({ timeout: 30000 });
  const recovery = await $$('[data-testid="recovery-done"]');
  if (recovery.length > 0) await recovery[0].click();
}

/** Opens the ledger at `file` from Settings, or creates it there (its recovery key, shown once
 * under the passphrase given at the start, is acknowledged). */
export async function openLedgerAt(file, create) {
  await goTo("settings");
  await byTestId("ledger-typed").setValue(file);
  await byTestId(create ? "ledger-create-typed" : "ledger-open-typed").click();
  await browser.waitUntil(
    async () => (await byTestId("ledger-path").getText()) === file,
    { timeoutMsg: `${file} did not open` },
  );
  if (create) {
    await byTestId("recovery-dialog").waitForDisplayed();
    await byTestId("recovery-done").click();
  }
}

/** Opens the window's ledger in Japanese with reports written to `folder`; returns the
 * ledger's path (the leaving rep's, for the handover specs). */
export async function startInJapanese(folder) {
  await openLedger();
  await setLanguage("ja", "顧客カード");
  await goTo("settings");
  const ledger = await byTestId("ledger-path").getText();
  await byTestId("report-folder").setValue(folder);
  await byTestId("save-report-folder").click();
  await browser.waitUntil(
    async () => !(await byTestId("save-report-folder").isEnabled()),
  );
  return ledger;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** What axe-core finds serious or critical on the page as it is now (WCAG 2.1 A and AA rules),
 * each with the first few elements it found it on. */
export async function accessibilityViolations() {
  if (!(await browser.execute(() => typeof window.axe !== "undefined")))
    await browser.execute(`${axeSource}; return true;`);
  return browser.executeAsync((done) => {
    window.axe
      .run(document, {
        resultTypes: ["violations"],
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
        },
      })
      .then(
        (result) =>
          done(
            result.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => ({
                rule: v.id,
                impact: v.impact,
                help: v.help,
                on: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
              })),
          ),
        (error) => done([{ rule: "axe-failed", help: String(error) }]),
      );
  });
}

/** Where the keyboard's order (the page's order: no positive tabindex) jumps against the
 * reading order inside `selector`: back up the screen, or leftwards on the same line. Each
 * jump names the two fields (their data-field, test id or text). */
export async function tabOrderJumps(selector) {
  return browser.execute((scope) => {
    const root = document.querySelector(scope);
    if (!root) return [`no ${scope}`];
    const focusable = [
      ...root.querySelectorAll(
        "input, select, textarea, button, summary, [tabindex]",
      ),
    ].filter((el) => {
      if (el.disabled || el.tabIndex < 0 || el.type === "hidden") return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
    const name = (el) =>
      el.closest("[data-field]")?.dataset.field ??
      el.dataset.testid ??
      (el.textContent || el.getAttribute("aria-label") || el.tagName)
        .trim()
        .slice(0, 20);
    const jumps = [];
    for (let i = 1; i < focusable.length; i++) {
      // A field is read as one block (a list of phones may run over several lines).
      const box = (el) =>
        (el.closest("[data-field]") ?? el).getBoundingClientRect();
      const a = box(focusable[i - 1]);
      const b = box(focusable[i]);
      if (
        focusable[i - 1].closest("[data-field]") &&
        focusable[i - 1].closest("[data-field]") ===
          focusable[i].closest("[data-field]")
      )
        continue;
      const sameLine = b.top < a.bottom - 4 && a.top < b.bottom - 4;
      if (b.bottom <= a.top + 4 || (sameLine && b.right <= a.left + 4))
        jumps.push(`${name(focusable[i - 1])} → ${name(focusable[i])}`);
    }
    return jumps;
  }, selector);
}
