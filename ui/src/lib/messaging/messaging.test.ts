// Messaging IDs: each market's usual apps come first, filled ones always show, LINE and WhatsApp
// open through the core's link, the others are copied.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { setLang } from "../i18n/i18n.svelte";
import MessagingLinks from "./MessagingLinks.svelte";
import { channelOrder, emptyMessaging, shownChannels } from "./channels";

describe("messaging apps", () => {
  it("offer each market's usual apps first", () => {
    expect(channelOrder("ja")[0]).toBe("line");
    expect(channelOrder("zh").slice(0, 3)).toEqual(["wechat", "qq", "weibo"]);
    expect(channelOrder("ko")[0]).toBe("kakaotalk");
    expect(channelOrder("en")[0]).toBe("whatsapp");
    expect(shownChannels("ja", emptyMessaging(), false)).toEqual(["line"]);
    // An ID on file shows whatever the language.
    expect(shownChannels("ja", { ...emptyMessaging(), wechat: "wx_1" }, false)).toEqual(["line", "wechat"]);
    expect(shownChannels("ko", emptyMessaging(), true)).toHaveLength(6);
  });
});

describe("the IDs on a card", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];

  beforeEach(() => {
    setLang("zh");
    calls = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "link_prepare") return "https://line.me/R/ti/p/~tanaka_k82";
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    vi.restoreAllMocks();
  });

  it("copies a WeChat ID and opens a LINE ID only after showing where it goes", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(MessagingLinks, { messaging: { ...emptyMessaging(), wechat: "zhangwei_dl", line: "tanaka_k82" } });
    const items = screen.getAllByRole("listitem");
    expect(items.map((i) => i.dataset.channel)).toEqual(["wechat", "line"]);
    expect(items[0]).toHaveTextContent("微信");
    expect(items[0].querySelector("[data-testid='messaging-open']")).toBeNull();
    await userEvent.click(items[0].querySelector("[data-testid='messaging-copy']")!);
    expect(writeText).toHaveBeenCalledWith("zhangwei_dl");

    await userEvent.click(items[1].querySelector("[data-testid='messaging-open']")!);
    expect(await screen.findByTestId("link-target")).toHaveTextContent("https://line.me/R/ti/p/~tanaka_k82");
    expect(calls.find((c) => c.cmd === "link_prepare")?.args).toMatchObject({ kind: "line", value: "tanaka_k82" });
    expect(calls.some((c) => c.cmd === "link_open")).toBe(false);
    await userEvent.click(screen.getByTestId("link-open"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "link_open")).toBe(true));
  });
});
