import { describe, expect, it } from "vitest";
import { weekEnd } from "./charts";

describe("a week on the contacts chart", () => {
  it("runs Monday to Sunday, across a month and a year", () => {
    expect(weekEnd("2026-11-23")).toBe("2026-11-29");
    expect(weekEnd("2026-12-28")).toBe("2027-01-03");
  });
});
