// Fields of the rep's own against a mocked core: the card shows each value as the rep's
// language writes it, edits them in one form (a choice, a number, a date, text), and a value
// the core refuses keeps the form open with that field marked; Settings adds, reorders and
// deletes fields; the list's filter narrows by a field's value.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import OwnFields from "./OwnFields.svelte";
import OwnFieldSettings from "./OwnFieldSettings.svelte";
import OwnFieldFilter from "./OwnFieldFilter.svelte";
import { setLang } from "../i18n/i18n.svelte";
import { cardId } from "../api/test-ids";
import type { Card, CustomField, CustomFieldId, CustomValue } from "../api";
import { emptyFields } from "../cards/editor.svelte";
import { CardList } from "../cards/list.svelte";

const card: Card = {
  id: cardId("0196d0c4-0000-7000-8000-000000000001"),
  version: 1,
  created_at: "2026-11-24T09:30:00.000Z",
  updated_at: "2026-11-24T09:30:00.000Z",
  deleted_at: null,
  fields: { ...emptyFields("organisation"), name: "青葉精機株式会社", code: "C-000001" },
  key_persons: [],
  open_complaints: 0,
};

const id = (n: number) => `0196d0c4-0000-7000-8000-0000000002${n}0` as CustomFieldId;
const FIELDS: CustomField[] = [
  { id: id(1), label: "取引口座", kind: "choice", choices: ["開設済", "申請中"], in_list: true, used: 3 },
  { id: id(2), label: "保有台数", kind: "number", choices: [], in_list: true, used: 1 },
  { id: id(3), label: "契約更新日", kind: "date", choices: [], in_list: false, used: 0 },
  { id: id(4), label: "<b>搬入条件</b>", kind: "text", choices: [], in_list: false, used: 0 },
];

describe("a card's fields of the rep's own", () => {
  let calls: { cmd: string; args: Record<string, unknown> }[];
  let values: CustomValue[];
  beforeEach(() => {
    setLang("ja");
    mockWindows("main");
    calls = [];
    values = [
      { field_id: id(1), value: "開設済" },
      { field_id: id(2), value: "1200" },
      { field_id: id(3), value: "2027-03-31" },
      { field_id: id(4), value: "" },
    ];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "custom_fields") return FIELDS;
      if (cmd === "card_custom_values") return values;
      if (cmd === "card_custom_values_set") {
        const sent = (args as { values: CustomValue[] }).values;
        if (sent.find((v) => v.field_id === id(2))?.value === "たくさん") {
          throw { code: "custom_field.not_a_number", params: { label: "保有台数", value: "たくさん" }, fields: [] };
        }
        values = sent;
        return values;
      }
      return null;
    });
  });
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("shows each value as the language writes it and saves an edit of all of them at once", async () => {
    const user = userEvent.setup();
    render(OwnFields, { card });
    expect(await screen.findByTestId("own-value-保有台数")).toHaveTextContent("1,200");
    expect(screen.getByTestId("own-value-取引口座")).toHaveTextContent("開設済");
    expect(screen.getByTestId("own-value-契約更新日")).toHaveTextContent("2027");
    // A label is text, never markup.
    expect(screen.getByText("<b>搬入条件</b>")).toBeInTheDocument();

    await user.click(screen.getByTestId("own-fields-edit"));
    await user.selectOptions(screen.getByTestId("own-field-取引口座"), "申請中");
    await user.type(screen.getByTestId("own-field-<b>搬入条件</b>"), "裏口から");
    await user.click(screen.getByTestId("own-fields-save"));
    await waitFor(() => expect(screen.getByTestId("own-value-取引口座")).toHaveTextContent("申請中"));
    const saved = calls.find((c) => c.cmd === "card_custom_values_set")?.args.values as CustomValue[];
    expect(saved).toContainEqual({ field_id: id(1), value: "申請中" });
    expect(saved).toContainEqual({ field_id: id(4), value: "裏口から" });
  });

  it("keeps the form open on a refused value and marks its field", async () => {
    const user = userEvent.setup();
    render(OwnFields, { card });
    await user.click(await screen.findByTestId("own-fields-edit"));
    const count = screen.getByTestId("own-field-保有台数");
    await user.clear(count);
    await user.type(count, "たくさん");
    await user.click(screen.getByTestId("own-fields-save"));
    await waitFor(() => expect(count.closest("label")).toHaveClass("invalid"));
    expect(screen.getByTestId("own-fields-save")).toBeInTheDocument();
    expect(values.find((v) => v.field_id === id(2))?.value).toBe("1200");
  });

  it("says where fields are defined when there are none", async () => {
    mockIPC((cmd) => (cmd === "custom_fields" ? [] : cmd === "card_custom_values" ? [] : null));
    render(OwnFields, { card });
    expect(await screen.findByText("自分の項目はまだありません。")).toBeInTheDocument();
    expect(screen.queryByTestId("own-fields-edit")).toBeNull();
  });
});

describe("Settings: fields of the rep's own", () => {
  afterEach(() => {
    cleanup();
    clearMocks();
  });

  it("adds a choice field with its choices, one a line, and asks before deleting one in use", async () => {
    setLang("en");
    mockWindows("main");
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    let fields = [FIELDS[0]];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "custom_fields") return fields;
      if (cmd === "custom_field_add") {
        const def = (args as { def: CustomField }).def;
        const added = { ...def, id: id(5), used: 0 };
        fields = [...fields, added];
        return added;
      }
      if (cmd === "custom_field_delete") {
        fields = [];
        return null;
      }
      return null;
    });
    const user = userEvent.setup();
    render(OwnFieldSettings);
    await user.click(await screen.findByTestId("own-field-add"));
    await user.type(screen.getByTestId("own-field-label"), "Payment method");
    await user.selectOptions(screen.getByTestId("own-field-kind"), "choice");
    await user.type(screen.getByTestId("own-field-choices"), "Monthly invoice{Enter}Card, Cash");
    await user.click(screen.getByTestId("own-field-in-list"));
    await user.click(screen.getByTestId("own-field-save"));
    const def = calls.find((c) => c.cmd === "custom_field_add")?.args.def;
    expect(def).toEqual({ label: "Payment method", kind: "choice", choices: ["Monthly invoice", "Card", "Cash"], in_list: true });

    await user.click((await screen.findAllByTestId("own-field-delete"))[0]);
    expect(screen.getByRole("alert")).toHaveTextContent("3 cards have a value");
    expect(calls.some((c) => c.cmd === "custom_field_delete")).toBe(false);
    await user.click(screen.getByTestId("own-field-delete-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "custom_field_delete")).toBe(true));
  });
});

describe("the card list's filter by a field of the rep's own", () => {
  afterEach(() => cleanup());

  it("offers a choice field's choices and a number field's range", async () => {
    setLang("ko");
    const list = new CardList(false, async () => ({ total: 0, offset: 0, rows: [] }));
    const user = userEvent.setup();
    render(OwnFieldFilter, { list, fields: FIELDS });
    await user.selectOptions(screen.getByTestId("filter-own-field"), id(1));
    expect(list.filters.custom).toEqual({ field_id: id(1), value: "", to: "" });
    await user.selectOptions(screen.getByTestId("filter-own-value"), "申請中");
    expect(list.filters.custom?.value).toBe("申請中");
    expect(list.filtered).toBe(true);

    await user.selectOptions(screen.getByTestId("filter-own-field"), id(2));
    await user.type(screen.getByTestId("filter-own-value"), "10");
    await user.type(screen.getByTestId("filter-own-to"), "40");
    expect(list.filters.custom).toEqual({ field_id: id(2), value: "10", to: "40" });
    await user.selectOptions(screen.getByTestId("filter-own-field"), "");
    expect(list.filters.custom).toBeNull();
  });
});
