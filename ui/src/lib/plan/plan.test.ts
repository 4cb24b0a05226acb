import { describe, expect, it } from "vitest";
import { emptyLine, grown, monthLabel, pace, spread } from "./plan";

describe("the sales plan's arithmetic", () => {
  it("calls a line ahead from 100%, on course from 90%, behind below", () => {
    expect([pace(130), pace(100), pace(95), pace(89), pace(null)]).toEqual(["ahead", "ahead", "on_course", "behind", "none"]);
  });

  it("grows last year's months and rounds them as people write targets", () => {
    expect(grown([1_000_000, 0, 123_456, 5_000], 10)).toEqual([1_100_000, 0, 136_000, 5_500]);
    expect(grown([200_000], -50)).toEqual([100_000]);
  });

  it("spreads a year's total as last year's sales were, adding up exactly", () => {
    const last = [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0].map((m) => m * 100_000);
    const months = spread(1_200_000, last);
    expect(months.slice(0, 3)).toEqual([600_000, 300_000, 300_000]);
    expect(months.reduce((a, b) => a + b, 0)).toBe(1_200_000);
    const even = spread(1_000_000, Array(12).fill(0));
    expect(even.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(new Set(even.slice(1)).size).toBe(1);
  });

  it("starts a line with twelve empty months", () => {
    const line = emptyLine(2026, "territory", "東京北");
    expect(line.months).toHaveLength(12);
    expect(line).toMatchObject({ fiscal_year: 2026, scope: "territory", key: "東京北", card_id: null });
  });

  it("names a month the way each language does", () => {
    expect(monthLabel("2026-04", "ja")).toBe("4月");
    expect(monthLabel("2026-04", "en")).toBe("Apr");
    expect(monthLabel("2026-04", "ko")).toBe("4월");
  });
});
