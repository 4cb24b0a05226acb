// Pages loaded when first shown: the page appears with the props it was given, and a page whose
// code could not be loaded says so instead of leaving the window blank.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import Lazy from "./Lazy.svelte";
import { setLang } from "../i18n/i18n.svelte";

describe("a page loaded when it is first shown", () => {
  afterEach(cleanup);

  it("shows the page with its props once its code is loaded", async () => {
    render(Lazy, { props: { load: () => import("./test/Greeting.svelte"), props: { name: "株式会社テスト" } } });
    expect((await screen.findByTestId("greeting")).textContent).toBe("株式会社テスト");
  });

  it("says so when the code cannot be loaded", async () => {
    setLang("en");
    render(Lazy, { props: { load: () => Promise.reject(new Error("missing chunk")) } });
    expect((await screen.findByRole("alert")).textContent).toContain("missing chunk");
  });
});
