// The brief before a visit against a mocked core: what has something in it is shown, and what
// has nothing is named in one line rather than drawn as empty boxes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import VisitBriefPage from "./VisitBriefPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { emptyFields } from "../cards/editor.svelte";
import { cardId } from "../api/test-ids";
import type { Card, VisitBrief } from "../api";

const CARD: Card = {
  id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  deleted_at: null,
  fields: { ...emptyFields("organisation"), name: "丸山商事", code: "C-000001", phones: ["03-1234-5678", "090-1111-2222"] },
  key_persons: [],
  open_complaints: 0,
};

describe("the brief before a visit", () => {
  beforeEach(() => {
    mockWindows("main");
    void setLang("ja");
    const brief: VisitBrief = {
      card: CARD,
      address: "2426 Congress Avenue, Austin, Texas 78701",
      recent_contacts: [],
      open_complaints: [],
      open_actions: [],
      unverified_notes: [],
      last_visit_at: null,
      next_visit: null,
      hints: [],
    };
    mockIPC((cmd) => (cmd === "visit_brief" ? brief : null));
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    void setLang("en");
  });

  it("names the parts with nothing in them in one line, and draws no empty box", async () => {
    render(VisitBriefPage, { id: CARD.id });
    const nothing = await screen.findByTestId("brief-nothing");
    expect(nothing).toHaveTextContent("キーパーソン");
    expect(nothing).toHaveTextContent("未解決のクレーム");
    for (const part of ["brief-people", "brief-recent", "brief-complaints", "brief-actions", "brief-hints", "brief-unverified"]) {
      expect(screen.queryByTestId(part)).toBeNull();
    }
    // The address as the core wrote it for its country.
    expect(screen.getByTestId("brief-address")).toHaveTextContent("2426 Congress Avenue, Austin, Texas 78701");
    // Each phone number whole on its line.
    expect(screen.getByText("090-1111-2222")).toHaveClass("phone");
  });
});
