// What the window may ask of the system: "Open the file" opens only reports Daicho wrote in this
// session, whatever path a page made to misbehave would send.
import { expect } from "@wdio/globals";
import { byTestId, openLedger } from "./helpers.mjs";

describe("the window's boundary", () => {
  before(async () => {
    await openLedger();
  });

  it("refuses to open a file Daicho did not write", async () => {
    const answer = await browser.executeAsync((done) => {
      window.__TAURI_INTERNALS__
        .invoke("report_open", { path: "/etc/passwd" })
        .then(
          () => done("opened"),
          (error) => done(error?.code ?? String(error)),
        );
    });
    expect(answer).toBe("report.open_refused");
  });
});
