// A record edited in place: dirty only once the draft differs from what was opened; a refused
// save stays open with the issues, a saved one closes.
import { describe, expect, it } from "vitest";
import { ApiError, type ErrorReport } from "../api";
import { InlineEditor } from "./inline-editor.svelte";

type Fields = { name: string };

describe("a record edited in place", () => {
  it("is dirty only while the open draft differs from what was opened", () => {
    const editor = new InlineEditor<string, Fields>({ name: "" });
    expect(editor.dirty).toBe(false);
    editor.open({ id: "a", fields: { name: "青木" } }, () => ({ name: "" }));
    expect(editor.editing).toBe("a");
    expect(editor.dirty).toBe(false);
    editor.draft.name = "青木工業";
    expect(editor.dirty).toBe(true);
    editor.close();
    expect(editor.dirty).toBe(false);
  });

  it("stays open with the core's issues when refused, and closes once saved", async () => {
    const editor = new InlineEditor<string, Fields>({ name: "" });
    editor.open(null, () => ({ name: "" }));
    const refusal = new ApiError({ code: "card.invalid", params: {}, fields: [{ field: "name", rule: "required", limit: null }] } as ErrorReport);
    expect(await editor.save(() => Promise.reject(refusal))).toBe(false);
    expect(editor.editing).toBe("new");
    expect([...editor.issues.keys()]).toEqual(["name"]);
    const sent: Fields[] = [];
    editor.draft.name = "北斗運輸";
    expect(await editor.save((fields, target) => (sent.push(fields), Promise.resolve(target)))).toBe(true);
    expect(sent).toEqual([{ name: "北斗運輸" }]);
    expect(editor.editing).toBe(null);
  });
});
