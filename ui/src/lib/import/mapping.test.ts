// Saved column mappings come back only for files with exactly the same headings; problems read
// as the field and the rule in the user's language.
import { describe, expect, it } from "vitest";
import { problemText, savedMappingFor } from "./mapping";
import { setLang } from "../i18n/i18n.svelte";

describe("import mappings", () => {
  const saved = [
    {
      headers: ["会社名", "電話"],
      mapping: { columns: ["name" as const, "phone" as const], default_kind: "organisation" as const, default_owner: "", people: [], custom: [] },
    },
  ];

  it("are found by the exact headings", () => {
    expect(savedMappingFor(saved, ["会社名", "電話"])?.columns).toEqual(["name", "phone"]);
    expect(savedMappingFor(saved, ["会社名", "電話", "メール"])).toBeNull();
    expect(savedMappingFor(saved, ["電話", "会社名"])).toBeNull();
  });

  it("describe a problem with its field and rule", () => {
    setLang("en");
    expect(problemText({ line: 3, column: 1, field: "email", rule: "invalid_email", limit: null })).toBe("Email: Not a valid email address");
    expect(problemText({ line: 3, column: null, field: "", rule: "bad_bytes", limit: null })).toContain("encoding");
    setLang("ja");
    expect(problemText({ line: 3, column: 0, field: "name", rule: "too_long", limit: 500 })).toContain("500");
  });
});
