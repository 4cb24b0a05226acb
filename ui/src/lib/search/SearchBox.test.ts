import { cardId, contactId } from "../api/test-ids";
// The search box against a mocked core: results come grouped with the match marked as text
// (never HTML), arrow keys and Enter open a result, and Enter alone lists every match.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import SearchBox from "./SearchBox.svelte";
import { app } from "../app/app.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { SearchResults } from "../api";

const RESULTS: SearchResults = {
  cards: [
    {
      id: cardId("c1"),
      code: "C-000001",
      kind: "organisation",
      status: "active",
      owner: "山田",
      name: [
        { text: "<img src=x>", hit: false },
        { text: "佐藤", hit: true },
        { text: "工業", hit: false },
      ],
      reading: [
        { text: "サトウ", hit: true },
        { text: "コウギョウ", hit: false },
      ],
      code_marked: [{ text: "C-000001", hit: false }],
      matched: null,
    },
    {
      id: cardId("c2"),
      code: "C-000002",
      kind: "organisation",
      status: "prospect",
      owner: "山田",
      name: [{ text: "北海物産", hit: false }],
      reading: [],
      code_marked: [{ text: "C-000002", hit: false }],
      matched: {
        field: "key_persons",
        text: [
          { text: "佐藤", hit: true },
          { text: " 一郎", hit: false },
        ],
      },
    },
  ],
  contacts: [
    {
      id: contactId("t1"),
      card_id: cardId("c1"),
      card_name: "佐藤工業",
      kind: "visit",
      at: "2026-11-20T10:00",
      snippet: [
        { text: "佐藤", hit: true },
        { text: "部長と面談", hit: false },
      ],
    },
  ],
  notes: [],
  more_cards: true,
  more_contacts: false,
  more_notes: false,
};

describe("the search box", () => {
  let asked: string[];

  beforeEach(() => {
    setLang("ja");
    asked = [];
    app.route = { page: "cards" };
    app.listRequest = null;
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "search") {
        const query = (args as { query: string }).query;
        asked.push(query);
        return query === "佐藤" ? RESULTS : { ...RESULTS, cards: [], contacts: [], more_cards: false };
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows customers, contacts and notes grouped, with the match marked as text", async () => {
    const user = userEvent.setup();
    render(SearchBox);
    await user.type(screen.getByTestId("search"), "佐藤");
    const cards = await screen.findAllByTestId("search-card");
    expect(cards).toHaveLength(2);
    expect(cards[0].querySelector("img")).toBeNull();
    expect(cards[0].textContent).toContain("<img src=x>佐藤工業");
    expect([...cards[0].querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["佐藤", "サトウ"]);
    expect(screen.getByTestId("search-matched").textContent).toContain("キーパーソン");
    expect(screen.getByTestId("search-results").textContent).toContain("顧客 2件以上");
    expect(screen.getAllByTestId("search-contact")).toHaveLength(1);
    expect(asked.at(-1)).toBe("佐藤");
  });

  it("opens the chosen result with the arrow keys and Enter", async () => {
    const user = userEvent.setup();
    render(SearchBox);
    await user.type(screen.getByTestId("search"), "佐藤");
    await screen.findAllByTestId("search-card");
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(app.route).toEqual({ page: "card", id: "c2" });
    await waitFor(() => expect(screen.queryByTestId("search-results")).toBeNull());
  });

  it("lists every matching customer when Enter is pressed without choosing", async () => {
    const user = userEvent.setup();
    render(SearchBox);
    await user.type(screen.getByTestId("search"), "佐藤");
    await screen.findAllByTestId("search-card");
    await user.keyboard("{Enter}");
    expect(app.listRequest).toEqual({ text: "佐藤", sort: "relevance" });
  });

  it("keeps the search on the card it opened and empties it on any other page", async () => {
    const user = userEvent.setup();
    render(SearchBox);
    const box = screen.getByTestId("search") as HTMLInputElement;
    await user.type(box, "佐藤");
    await screen.findAllByTestId("search-card");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(app.route).toEqual({ page: "card", id: "c1" });
    expect(box.value).toBe("佐藤");
    app.route = { page: "dashboard" };
    await waitFor(() => expect(box.value).toBe(""));
    expect(screen.queryByTestId("search-results")).toBeNull();
  });

  it("says so when nothing matches", async () => {
    const user = userEvent.setup();
    render(SearchBox);
    await user.type(screen.getByTestId("search"), "ない");
    expect(await screen.findByTestId("search-nothing")).toBeTruthy();
  });
});
