import { describe, expect, it } from "vitest";
import { setLang } from "../i18n/i18n.svelte";
import { historyValue } from "./labels";

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
