// A card's website, e-mail and phones open outside Daicho only after the rep has seen the exact
// target; a field the core makes no link of (a `javascript:` website) opens nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import ContactLinks from "./ContactLinks.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "../app/app.svelte";

describe("contact links", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    app.notices = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      calls.push({ cmd, args: a });
      if (cmd === "link_prepare") {
        if (a.value === "javascript:alert(1)") throw { code: "link.none", params: { value: a.value }, fields: [] };
        return a.kind === "phone" ? "tel:0312345678" : "https://www.suzuki-shoten.co.jp/";
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows where a link goes and opens exactly that after the rep agrees", async () => {
    render(ContactLinks, { website: "www.suzuki-shoten.co.jp", email: "", phones: ["03-1234-5678"] });
    expect(screen.queryByTestId("link-email")).toBeNull();
    await userEvent.click(screen.getByTestId("link-website"));
    expect(await screen.findByTestId("link-target")).toHaveTextContent("https://www.suzuki-shoten.co.jp/");
    expect(calls.some((c) => c.cmd === "link_open")).toBe(false);
    await userEvent.click(screen.getByTestId("link-open"));
    expect(calls.filter((c) => c.cmd === "link_open").map((c) => c.args.url)).toEqual(["https://www.suzuki-shoten.co.jp/"]);
    expect(screen.queryByTestId("link-dialog")).toBeNull();
  });

  it("cancelling opens nothing", async () => {
    render(ContactLinks, { website: "", email: "", phones: ["03-1234-5678"] });
    await userEvent.click(screen.getByTestId("link-phone"));
    await screen.findByTestId("link-dialog");
    await userEvent.click(screen.getByText("キャンセル"));
    expect(calls.some((c) => c.cmd === "link_open")).toBe(false);
  });

  it("says a hostile website is no link and opens nothing", async () => {
    render(ContactLinks, { website: "javascript:alert(1)", email: "", phones: [] });
    await userEvent.click(screen.getByTestId("link-website"));
    expect(screen.queryByTestId("link-dialog")).toBeNull();
    expect(app.notices.map((n) => n.text).join()).toContain("開けるウェブアドレス");
    expect(calls.some((c) => c.cmd === "link_open")).toBe(false);
  });
});
