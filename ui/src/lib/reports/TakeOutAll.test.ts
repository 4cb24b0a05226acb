// Taking everything out from the Reports page, against a mocked core: the form follows the
// button, the file name the extension, and what was written is said with its counts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import TakeOutAll from "./TakeOutAll.svelte";
import { setLang } from "../i18n/i18n.svelte";

describe("the full export", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let fail: boolean;

  beforeEach(() => {
    setLang("ja");
    calls = [];
    fail = false;
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "plugin:dialog|save") return "/home/rep/台帳";
      if (cmd === "full_export") {
        if (fail) throw { code: "full_export.write", params: { path: "/home/rep/台帳.zip", detail: "disk" }, fields: [] };
        const path = (args as { path: string }).path;
        return {
          path,
          form: "zip",
          cut_cells: 0,
          tables: [
            { table: "cards", rows: 300 },
            { table: "contacts", rows: 2400 },
            { table: "notes", rows: 120 },
            { table: "transactions", rows: 900 },
          ],
        };
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("writes the chosen form where the rep says and tells what it holds", async () => {
    render(TakeOutAll);
    await userEvent.click(screen.getByTestId("full-export-zip"));
    const done = await screen.findByTestId("full-export-done");
    expect(calls.find((c) => c.cmd === "full_export")!.args).toEqual({ path: "/home/rep/台帳.zip" });
    expect(done).toHaveTextContent("カード 300 件、接触記録 2,400 件、情報メモ 120 件、売上・返品 900 件");
    expect(done).toHaveTextContent("/home/rep/台帳.zip");
  });

  it("says in the rep's words when the file could not be written, and shows no result", async () => {
    fail = true;
    render(TakeOutAll);
    await userEvent.click(screen.getByTestId("full-export-xlsx"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "full_export")).toBe(true));
    await waitFor(() => expect(screen.getByTestId("full-export-xlsx")).not.toBeDisabled());
    expect(screen.queryByTestId("full-export-done")).toBeNull();
  });
});
