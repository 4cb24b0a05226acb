import { cardId, noteId } from "../api/test-ids";
// The notes page against a mocked core: filters become the query, notes show as text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import NotesPage from "./NotesPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import type { Note, NoteQuery } from "../api";
import { newNote } from "./notes";

const hostile = "<b>噂</b> 工場を新設するらしい";
const note: Note = {
  id: noteId("0196d0c4-0000-7000-8000-0000000000aa"),
  card_id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  fields: { ...newNote(new Date(2026, 10, 24)), content: hostile, certainty: "speculation", urgency: "high" },
};

describe("the notes page", () => {
  let queries: NoteQuery[];
  let judged: { id: string; judgement: string }[];

  beforeEach(() => {
    setLang("ja");
    queries = [];
    judged = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "note_judge") {
        judged.push(args as { id: string; judgement: string });
        return note;
      }
      if (cmd !== "notes_list") return null;
      const query = (args as { query: NoteQuery }).query;
      queries.push(query);
      const matches = query.certainty !== "fact";
      return { rows: matches ? [{ note, card_name: "東洋商事", card_code: "C-000001" }] : [], total: matches ? 1 : 0 };
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("asks the core for the chosen grading and shows what matched, as text", async () => {
    render(NotesPage);
    const row = await screen.findByTestId("note-row");
    expect(row).toHaveTextContent(hostile);
    expect(row.querySelector("b")).toBeNull();
    expect(screen.getByTestId("note-certainty")).toHaveTextContent("推測");
    expect(screen.getByTestId("note-urgency")).toHaveTextContent("緊急度 高");

    await userEvent.selectOptions(screen.getByTestId("notes-filter-urgency"), "high");
    await userEvent.selectOptions(screen.getByTestId("notes-filter-certainty"), "fact");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ urgency: "high", certainty: "fact", share: null }));
    expect(await screen.findByTestId("notes-empty")).toHaveTextContent("条件に合うメモはありません");

    await userEvent.selectOptions(screen.getByTestId("notes-filter-certainty"), "");
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ certainty: null }));
  });

  it("shows the queue awaiting the superior and records a judgement", async () => {
    render(NotesPage);
    await screen.findByTestId("note-row");
    await userEvent.click(screen.getByTestId("notes-filter-awaiting"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ awaiting_judgement: true }));
    await userEvent.click(screen.getByTestId("note-judge"));
    await userEvent.type(screen.getByTestId("note-judgement-input"), "春の提案に入れる");
    await userEvent.click(screen.getByTestId("note-judge-save"));
    await waitFor(() => expect(judged).toEqual([{ id: note.id, judgement: "春の提案に入れる" }]));
  });
});
