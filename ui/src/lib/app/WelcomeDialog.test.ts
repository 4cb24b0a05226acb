// The first start's welcome against a mocked core: no way on without a name, the language
// answers at once, and each way in saves the name and language first.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import WelcomeDialog from "./WelcomeDialog.svelte";
import { app } from "./app.svelte";
import { lang, setLang } from "../i18n/i18n.svelte";
import type { AppInfo } from "../api";

function info(welcome: boolean, user_name: string, ledger_path = "/home/rep/Daicho/daicho.daicho"): AppInfo {
  return {
    ledger_path,
    settings: { language: null, user_name, ledger_path },
    startup_error: null,
    recovery_key: null,
    protection: null,
    welcome,
  } as unknown as AppInfo;
}

describe("the first start's welcome", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let closed: number;

  beforeEach(() => {
    mockWindows("main");
    calls = [];
    closed = 0;
    void setLang("en");
    app.info = info(true, "hsato");
    app.route = { page: "cards" };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      const saved = (args as { settings?: { user_name: string } }).settings;
      if (cmd === "settings_save") return info(false, saved?.user_name ?? "");
      if (cmd === "ledger_open_demo") return info(false, "佐藤 花子", "/home/rep/Daicho/demo.daicho");
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    app.info = null;
    void setLang("en");
  });

  const show = () => render(WelcomeDialog, { onclose: () => closed++ });

  it("offers the login name, and goes no further without a name", async () => {
    const user = userEvent.setup();
    show();
    const name = screen.getByTestId("welcome-name") as HTMLInputElement;
    expect(name.value).toBe("hsato");
    await user.clear(name);
    await user.click(screen.getByTestId("welcome-empty"));
    expect(screen.getByTestId("welcome-name-missing")).toBeInTheDocument();
    expect(calls).toEqual([]);
    expect(closed).toBe(0);
  });

  it("answers in the language chosen, and keeps it with the name", async () => {
    const user = userEvent.setup();
    show();
    await user.selectOptions(screen.getByTestId("welcome-language"), "ja");
    expect(lang()).toBe("ja");
    expect(await screen.findByText("台帳へようこそ")).toBeInTheDocument();
    const name = screen.getByTestId("welcome-name");
    await user.clear(name);
    await user.type(name, "  佐藤 花子 ");
    await user.click(screen.getByTestId("welcome-empty"));
    await waitFor(() => expect(closed).toBe(1));
    expect(calls.map((c) => c.cmd)).toEqual(["settings_save"]);
    expect(calls[0].args.settings).toMatchObject({ user_name: "佐藤 花子", language: "ja" });
    expect(app.info?.welcome).toBe(false);
    expect(app.route).toEqual({ page: "cards" });
  });

  it("opens the import page, or the demo ledger, once the name is kept", async () => {
    const user = userEvent.setup();
    const first = show();
    await user.click(screen.getByTestId("welcome-import"));
    await waitFor(() => expect(app.route).toEqual({ page: "import" }));
    first.unmount();

    app.info = info(true, "hsato");
    show();
    await user.click(screen.getByTestId("welcome-demo"));
    await waitFor(() => expect(app.info?.ledger_path).toBe("/home/rep/Daicho/demo.daicho"));
    expect(calls.map((c) => c.cmd)).toEqual(["settings_save", "settings_save", "ledger_open_demo"]);
    expect(app.route).toEqual({ page: "cards" });
    expect(closed).toBe(2);
  });
});
