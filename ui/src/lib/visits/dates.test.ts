import { describe, expect, it } from "vitest";
import { addDays, daysOf, weekStart } from "./dates";

describe("visit plan dates", () => {
  it("starts weeks on Monday, also from a Sunday and across months and years", () => {
    expect(weekStart("2026-11-25")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });

  it("adds days across month ends and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("shows one day or the seven days of the week", () => {
    expect(daysOf("2026-11-25", "day")).toEqual(["2026-11-25"]);
    expect(daysOf("2026-11-25", "week")).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]);
  });
});
