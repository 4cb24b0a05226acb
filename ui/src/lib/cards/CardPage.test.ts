import { cardId } from "../api/test-ids";
// The card page against a mocked core: what the user sees when the core accepts or refuses.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import CardPage from "./CardPage.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { emptyFields } from "./editor.svelte";
import type { Borrowed, Card, CardFields } from "../api";
import { app } from "../app/app.svelte";

function stored(fields: CardFields): Card {
  return {
    id: cardId("0196d0c4-0000-7000-8000-000000000001"),
    version: 1,
    created_at: "2026-11-24T09:30:00.000Z",
    updated_at: "2026-11-24T09:30:00.000Z",
    deleted_at: null,
    fields: { ...fields, code: "C-000001" },
    key_persons: [],
    open_complaints: 0,
  };
}

describe("the card page", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let borrowed: Borrowed | null;

  beforeEach(() => {
    setLang("ja");
    calls = [];
    borrowed = null;
    mockWindows("main");
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "card_create") {
        const fields = (args as { fields: CardFields }).fields;
        if (!fields.name.trim()) {
          throw { code: "card.invalid", params: {}, fields: [{ field: "name", rule: "required", limit: null }] };
        }
        return stored(fields);
      }
      if (cmd === "contacts_list") return { contacts: [], total: 0 };
      if (["card_history", "notes_for_card", "card_checks", "custom_fields", "card_custom_values"].includes(cmd)) return [];
      if (cmd === "cards_facets") return { owners: [], tags: [], grades: [], territories: ["首都圏"] };
      if (cmd === "products_list" || cmd === "competitors_list") return [];
      if (cmd === "card_competition") return { products: [], shares: [], sheets: [], cases: [], hints: [] };
      if (cmd === "card_get") return stored(emptyFields("organisation"));
      if (cmd === "card_borrowed") return borrowed;
      if (cmd === "person_name") {
        const { family, given, lang } = args as { family: string; given: string; lang: string };
        return family && given ? `${family} ${given} (${lang})` : family || given;
      }
      return null;
    });
  });

  afterEach(() => {
    cleanup();
    clearMocks();
    app.setDirtyCheck(null);
  });

  it("shows the core's refusal beside the field, in the user's language", async () => {
    render(CardPage, { kind: "organisation" });
    await userEvent.click(screen.getByTestId("save-card"));
    expect(await screen.findByTestId("error-name")).toHaveTextContent("必須です");
    expect(calls.filter((c) => c.cmd === "card_create")).toHaveLength(1);
  });

  it("sends what the user typed, and shows a name as text, never as markup", async () => {
    render(CardPage, { kind: "organisation" });
    const hostile = "<img src=x onerror=alert(1)>";
    const name = document.querySelector<HTMLInputElement>('[data-field="name"] input');
    expect(name).not.toBeNull();
    await userEvent.type(name!, hostile.replaceAll("[", "[[").replaceAll("{", "{{"));
    expect(screen.getByTestId("card-title")).toHaveTextContent(hostile);
    expect(screen.getByTestId("card-title").querySelector("img")).toBeNull();
    expect(app.hasUnsavedChanges()).toBe(true);
    await userEvent.click(screen.getByTestId("save-card"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "card_create")).toBe(true));
    const sent = calls.find((c) => c.cmd === "card_create")?.args.fields as CardFields;
    expect(sent.name).toBe(hostile);
    expect(sent).toMatchObject({ ...emptyFields("organisation"), name: hostile });
  });

  it("offers to reload a card saved elsewhere meanwhile, keeping what the rep typed on top", async () => {
    // Opened at version 1 with the name 旧商事; meanwhile someone else saved a phone number.
    const opened = { ...stored({ ...emptyFields("organisation"), name: "旧商事" }) };
    const latest = { ...opened, version: 2, fields: { ...opened.fields, phones: ["03-1234-5678"] } };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "card_get") return calls.filter((c) => c.cmd === "card_get").length === 1 ? opened : latest;
      if (cmd === "card_update") {
        const { version, fields } = args as { version: number; fields: CardFields };
        if (version !== 2) throw { code: "card.stale", params: { id: opened.id }, fields: [] };
        return { ...latest, version: 3, fields };
      }
      if (cmd === "contacts_list") return { contacts: [], total: 0 };
      if (cmd === "card_competition") return { products: [], shares: [], sheets: [], cases: [], hints: [] };
      if (["card_history", "notes_for_card", "card_checks", "custom_fields", "card_custom_values"].includes(cmd)) return [];
      if (cmd === "cards_facets") return { owners: [], tags: [], grades: [], territories: ["首都圏"] };
      if (cmd === "products_list" || cmd === "competitors_list") return [];
      return null;
    });
    render(CardPage, { id: opened.id });
    const name = await waitFor(() => {
      const input = document.querySelector<HTMLInputElement>('[data-field="name"] input');
      expect(input?.value).toBe("旧商事");
      return input!;
    });
    await userEvent.clear(name);
    await userEvent.type(name, "新商事");
    await userEvent.click(screen.getByTestId("save-card"));
    expect(await screen.findByTestId("card-stale")).toHaveTextContent("別の場所で変更");
    await userEvent.click(screen.getByTestId("card-stale-reload"));
    await waitFor(() => expect(screen.queryByTestId("card-stale")).toBeNull());
    await userEvent.click(screen.getByTestId("save-card"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "card_update")).toHaveLength(2));
    const sent = calls.filter((c) => c.cmd === "card_update")[1].args as { version: number; fields: CardFields };
    expect(sent.version).toBe(2);
    expect(sent.fields.name).toBe("新商事");
    expect(sent.fields.phones).toEqual(["03-1234-5678"]);
  });

  it("composes an individual's name as the core writes it for the window's language", async () => {
    render(CardPage, { kind: "individual" });
    const family = document.querySelector<HTMLInputElement>('[data-field="individual.family_name"] input')!;
    const given = document.querySelector<HTMLInputElement>('[data-field="individual.given_name"] input')!;
    await userEvent.type(family, "佐藤");
    await userEvent.type(given, "健一");
    // The mocked core joins with a space and says which language it was asked for.
    await waitFor(() => expect(screen.getByTestId("card-title")).toHaveTextContent("佐藤 健一 (ja)"));
    const asked = calls.filter((c) => c.cmd === "person_name").map((c) => c.args);
    expect(asked).toContainEqual({ family: "佐藤", given: "健一", lang: "ja" });
  });

  it("counts a half-typed key person as unsaved, so leaving the card asks first", async () => {
    render(CardPage, { id: cardId("0196d0c4-0000-7000-8000-000000000001") });
    await userEvent.click(await screen.findByTestId("add-key-person"));
    expect(app.hasUnsavedChanges()).toBe(false);
    const form = screen.getByTestId("key-person-form");
    await userEvent.type(form.querySelector<HTMLInputElement>('[data-field="name"] input')!, "山田 花子");
    expect(app.hasUnsavedChanges()).toBe(true);
  });

  it("says whose a card lent here for a leave is, and until when", async () => {
    borrowed = { from_owner: "田中 美咲", until: "2026-12-20", taken_at: "2026-12-06T09:00:00Z" };
    render(CardPage, { id: cardId("0196d0c4-0000-7000-8000-000000000001") });
    expect(await screen.findByTestId("borrowed-banner")).toHaveTextContent("田中 美咲 さんから休暇中の代理として 2026/12/20 まで預かっているカードです");
  });
});
