import { productId } from "../api/test-ids";
// Editing a sheet's criteria keeps every product's scores in line; changes since an earlier
// assessment are read on the current scale.
import { describe, expect, it } from "vitest";
import type { AssessmentFields } from "../api";
import { setLang } from "../i18n/i18n.svelte";
import { addCriterion, best, defaultCriteria, makerAfterProduct, removeCriterion, signed } from "./sheet";

const fields: AssessmentFields = {
  assessed_on: "2026-11-24",
  scale: 5,
  criteria: [
    { name: "品質", weight: 3 },
    { name: "価格", weight: 1 },
  ],
  scores: [
    { product_id: productId("ours"), scores: [5, 2] },
    { product_id: productId("alpha"), scores: [3, 4] },
  ],
  texts: [],
};

describe("a sheet's criteria", () => {
  it("default to the six named in the user's language, weighted equally", () => {
    setLang("zh");
    expect(defaultCriteria().map((c) => c.name)).toEqual(["质量", "价格", "品牌知名度", "功能", "服务与支持", "交货期"]);
    setLang("en");
    expect(defaultCriteria().every((c) => c.weight === 1)).toBe(true);
  });

  it("added or removed, take each product's scores with them", () => {
    const added = addCriterion(fields);
    expect(added.scores.map((s) => s.scores)).toEqual([
      [5, 2, null],
      [3, 4, null],
    ]);
    const removed = removeCriterion(added, 0);
    expect(removed.criteria.map((c) => c.name)).toEqual(["価格", ""]);
    expect(removed.scores.map((s) => s.scores)).toEqual([
      [2, null],
      [4, null],
    ]);
  });
});

describe("changes since an earlier assessment", () => {
  it("are shown with their sign (the core works them out)", () => {
    expect([signed(1), signed(-0.5), signed(0)]).toEqual(["+1", "−0.5", "±0"]);
  });

  it("mark every highest score of a row", () => {
    expect([...best([4, 5, 5])]).toEqual([1, 2]);
    expect([...best([null, null])]).toEqual([]);
  });
});

describe("a maker after its product", () => {
  it("is put in brackets unless its name already holds some", () => {
    expect(makerAfterProduct("アルファ事務機株式会社")).toBe(" (アルファ事務機株式会社)");
    expect(makerAfterProduct("Alpha Office Systems")).toBe(" (Alpha Office Systems)");
    expect(makerAfterProduct("(주)알파사무기기")).toBe(" · (주)알파사무기기");
    expect(makerAfterProduct("アルファ事務機（株）")).toBe(" · アルファ事務機（株）");
  });
});
