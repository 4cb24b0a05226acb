import { cardId } from "../api/test-ids";
// The bulk bar against a mocked core: the ticked cards get the change the user asked for in one
// call, and Undo takes that change back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import BulkBar from "./BulkBar.svelte";
import { CardList } from "./list.svelte";
import { setLang } from "../i18n/i18n.svelte";

describe("the bulk bar", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];

  beforeEach(() => {
    setLang("ja");
    calls = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "cards_bulk") return { id: "b1", changed: 2 };
      if (cmd === "bulk_undo") return 2;
      if (cmd === "cards_ids") return ["c1", "c2", "c3"];
      if (cmd === "contact_add_many") return 2;
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("sets the owner of every ticked card in one step and undoes it", async () => {
    const user = userEvent.setup();
    const list = new CardList(false, async () => ({ total: 3, offset: 0, rows: [] }));
    list.total = 3;
    list.selected.add(cardId("c1"));
    list.selected.add(cardId("c2"));
    render(BulkBar, { list });
    expect(screen.getByTestId("bulk-count").textContent).toContain("2 件を選択中");
    await user.type(screen.getByTestId("bulk-owner"), "後任 花子");
    await user.click(screen.getByTestId("bulk-set-owner"));
    await screen.findByTestId("bulk-undo");
    const sent = calls.find((c) => c.cmd === "cards_bulk")!.args;
    expect(sent.ids).toEqual(["c1", "c2"]);
    expect(sent.change).toEqual({ owner: "後任 花子", status: null, add_tags: [], remove_tags: [], trash: false });
    await user.click(screen.getByTestId("bulk-undo"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "bulk_undo" && c.args.id === "b1")).toBe(true));
  });

  it("selects every card the list shows", async () => {
    const user = userEvent.setup();
    const list = new CardList(false, async () => ({ total: 3, offset: 0, rows: [] }));
    list.total = 3;
    list.selected.add(cardId("c1"));
    render(BulkBar, { list });
    await user.click(screen.getByTestId("bulk-select-all"));
    await waitFor(() => expect(list.selected.size).toBe(3));
  });

  it("logs one meeting with every ticked customer", async () => {
    const user = userEvent.setup();
    const list = new CardList(false, async () => ({ total: 3, offset: 0, rows: [] }));
    list.total = 3;
    list.selected.add(cardId("c1"));
    list.selected.add(cardId("c3"));
    render(BulkBar, { list });
    await user.click(screen.getByTestId("bulk-log-contact"));
    expect(await screen.findByTestId("many-contact-dialog")).toHaveTextContent("選択した 2 社との接触を記録");
    const purpose = screen.getByTestId("many-contact-dialog").querySelector('[data-field="purpose"] input') as HTMLInputElement;
    await user.type(purpose, "取引先会議（秋）");
    await user.click(screen.getByTestId("save-contact"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "contact_add_many")).toBe(true));
    const sent = calls.find((c) => c.cmd === "contact_add_many")!.args as { cardIds: string[]; fields: { kind: string; purpose: string } };
    expect(sent.cardIds).toEqual(["c1", "c3"]);
    expect(sent.fields.kind).toBe("meeting");
    expect(sent.fields.purpose).toBe("取引先会議（秋）");
  });
});
