import { describe, expect, it } from "vitest";
import { setLang } from "../i18n/i18n.svelte";
import { historyValue, monthsSince } from "./labels";

describe("history values", () => {
  it("translate the values of fixed choices, per kind of record", () => {
    setLang("ja");
    expect(historyValue("card", "status", "active")).toBe("取引中");
    expect(historyValue("card", "kind", "organisation")).toBe("法人");
    expect(historyValue("contact", "kind", "visit")).toBe("訪問");
    expect(historyValue("contact", "complaint.state", "in_progress")).toBe("対応中");
    expect(historyValue("key_person", "role", "decision_maker")).toBe("決裁者");
    expect(historyValue("card", "individual.info_sources", "documents, trial")).toBe("資料, 試用");
  });

  it("show typed text as it is and say when a value was empty", () => {
    setLang("en");
    expect(historyValue("card", "city", "<b>Tokyo</b>")).toBe("<b>Tokyo</b>");
    expect(historyValue("card", "city", null)).toBe("(empty)");
  });
});

describe("how long a profile has gone without a change", () => {
  it("counts whole months, the day of the month deciding", () => {
    const now = new Date(2026, 11, 7);
    expect(monthsSince("2025-12-07T00:00:00Z", now)).toBe(12);
    expect(monthsSince("2025-12-20T00:00:00Z", now)).toBe(11);
    expect(monthsSince("2024-03-01T00:00:00Z", now)).toBe(33);
    expect(monthsSince("2026-12-01T00:00:00Z", now)).toBe(0);
    expect(monthsSince("not a date", now)).toBe(0);
  });
});
