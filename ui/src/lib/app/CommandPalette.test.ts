import { cardId } from "../api/test-ids";
// The command palette against a mocked core: an action found in the window's language or in
// English and run with Enter; a customer found by the ledger's search and opened.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CommandPalette from "./CommandPalette.svelte";
import { app } from "./app.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { AppInfo, SearchResults } from "../api";

const FOUND: SearchResults = {
  cards: [
    {
      id: cardId("c1"),
      code: "C-000001",
      kind: "organisation",
      status: "active",
      owner: "山田",
      name: [
        { text: "佐藤", hit: true },
        { text: "工業", hit: false },
      ],
      reading: [{ text: "サトウコウギョウ", hit: false }],
      code_marked: [{ text: "C-000001", hit: false }],
      matched: null,
    },
  ],
  contacts: [],
  notes: [],
  more_cards: false,
  more_contacts: false,
  more_notes: false,
};

describe("the command palette", () => {
  let closed: number;
  let shortcuts: number;

  beforeEach(async () => {
    await setLang("ja");
    closed = 0;
    shortcuts = 0;
    app.route = { page: "cards" };
    app.newCardOpen = false;
    app.info = { ledger_path: "/home/rep/daicho.daicho", settings: {}, protection: null } as unknown as AppInfo;
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "search") return (args as { query: string }).query === "佐藤" ? FOUND : { ...FOUND, cards: [] };
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    app.info = null;
  });

  const open = () =>
    render(CommandPalette, {
      onclose: () => closed++,
      onshortcuts: () => shortcuts++,
      onlock: null,
    });

  it("goes to a page named in English from a Japanese window", async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId("palette-input"), "visit");
    expect(screen.getByTestId("palette-page-visits")).toHaveTextContent("訪問計画へ移動");
    expect(screen.queryByTestId("palette-page-backups")).toBeNull();
    await user.keyboard("{Enter}");
    expect(closed).toBe(1);
    expect(app.route).toEqual({ page: "visits" });
  });

  it("runs an action found in the window's language", async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId("palette-input"), "新規");
    await user.click(screen.getByTestId("palette-new-card"));
    expect(app.newCardOpen).toBe(true);
  });

  it("opens a customer the ledger's search finds", async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId("palette-input"), "佐藤");
    const customer = await screen.findByTestId("palette-customer");
    expect(customer).toHaveTextContent("佐藤工業");
    expect(customer).toHaveTextContent("C-000001");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(app.route).toEqual({ page: "card", id: cardId("c1") }));
  });

  it("says when nothing matches", async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId("palette-input"), "zzzz");
    expect(await screen.findByTestId("palette-nothing")).toHaveTextContent("該当するものがありません");
  });
});
