// How a form's save ends: what was saved with its notice, the field issues for the fields, or a
// notice for any other refusal — never silence.
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError, type ErrorReport } from "../api";
import { setLang } from "../i18n/i18n.svelte";
import { app } from "./app.svelte";
import { saving } from "./saving";

const refused = (report: Partial<ErrorReport>) => Promise.reject(new ApiError({ code: "card.invalid", params: {}, fields: [], ...report } as ErrorReport));

describe("saving a form", () => {
  beforeEach(() => {
    setLang("en");
    app.notices = [];
  });

  it("gives what was saved and says so", async () => {
    const outcome = await saving(Promise.resolve(42), "note.saved");
    expect(outcome).toEqual({ ok: true, value: 42 });
    expect(app.notices.map((n) => n.kind)).toEqual(["ok"]);
  });

  it("gives the field issues to show beside the fields, without a notice", async () => {
    const outcome = await saving(refused({ fields: [{ field: "name", rule: "required", limit: null }] }), "note.saved");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect([...outcome.issues.keys()]).toEqual(["name"]);
    expect(app.notices).toEqual([]);
  });

  it("shows any other refusal in the rep's words", async () => {
    const outcome = await saving(refused({ code: "card.stale" }), "note.saved");
    expect(outcome.ok).toBe(false);
    expect(app.notices.map((n) => n.kind)).toEqual(["error"]);
    expect(app.notices[0].text).not.toContain("card.stale");
  });
});
