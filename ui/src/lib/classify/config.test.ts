import { describe, expect, it } from "vitest";
import { parseScale, toConfig } from "./config";

describe("the classification settings form", () => {
  it("reads a credit scale typed with any comma", () => {
    expect(parseScale("A, B，C、D ,")).toEqual(["A", "B", "C", "D"]);
  });

  it("sends empty numbers as 0 for the core to refuse, but keeps 'no visit rule' and the open top band", () => {
    const config = toConfig({
      a_percent: null,
      b_percent: 90,
      grade_basis: "amount",
      grades: [
        { label: "D", from: null, to: 100 },
        { label: "A", from: 100, to: null },
      ],
      credit_scale: ["A"],
      weak_credit_below: 40,
      weights: { contribution: null, cooperation: 1, credit: 1, growth: 1, influence: 1, tenure: 1, loyalty: 1, brand_support: 1 },
      high_value_from: 65,
      secondary_from: 45,
      potential_from: 65,
      falling_percent: 20,
      overdue_days_from: 30,
      overdue_amount_from: null,
      problem_list_size: 10,
      visit_every_days: { a: 30, b: null, c: null, high_value: null, potential_value: 60, prospect: null },
      completeness: { reading: 1, reach: 1, address: 1, industry: 1, owner: 1, key_persons: 1, decision_route: 1, credit: 1, profile: 1, payment_terms: null },
    });
    expect(config.a_percent).toBe(0);
    expect(config.grades).toEqual([
      { label: "D", from: 0, to: 100 },
      { label: "A", from: 100, to: null },
    ]);
    expect(config.weights.contribution).toBe(0);
    expect(config.visit_every_days).toEqual({ a: 30, b: null, c: null, high_value: null, potential_value: 60, prospect: null });
    expect(config.completeness.payment_terms).toBe(0);
  });
});
