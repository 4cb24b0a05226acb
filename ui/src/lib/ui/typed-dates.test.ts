import { describe, expect, it } from "vitest";
import { datePattern, partOrder, readTypedDate, showDate } from "./typed-dates";

describe("dates typed in a form", () => {
  it("shows a day the way each language writes it in numbers", () => {
    expect(showDate("2026-12-07", "ja")).toBe("2026/12/07");
    expect(showDate("2026-12-07", "zh")).toBe("2026/12/07");
    expect(showDate("2026-12-07", "ko")).toBe("2026. 12. 07.");
    expect(showDate("2026-12-07", "en")).toBe("12/07/2026");
  });

  it("leaves a day that does not exist as it was typed, for the core to name", () => {
    expect(showDate("2026-02-30", "ja")).toBe("2026-02-30");
    expect(showDate("soon", "en")).toBe("soon");
    expect(showDate(null, "en")).toBe("");
  });

  it("reads what each language's reps type, and ISO in every language", () => {
    expect(readTypedDate("2026/12/7", "ja")).toBe("2026-12-07");
    expect(readTypedDate("2026年12月7日", "ja")).toBe("2026-12-07");
    expect(readTypedDate("2026. 12. 7.", "ko")).toBe("2026-12-07");
    expect(readTypedDate("12/7/2026", "en")).toBe("2026-12-07");
    expect(readTypedDate("2026-12-07", "en")).toBe("2026-12-07");
    expect(readTypedDate("20261207", "zh")).toBe("2026-12-07");
    expect(readTypedDate("12/7/26", "en")).toBe("2026-12-07");
  });

  it("gives back nothing for text that is not a date, so the field keeps it and the core says why", () => {
    expect(readTypedDate("next week", "en")).toBeNull();
    expect(readTypedDate("12/7", "en")).toBeNull();
    expect(readTypedDate("2026/123/7", "ja")).toBeNull();
    expect(readTypedDate("", "ja")).toBeNull();
  });

  it("passes an impossible day on as ISO so the core names the mistake", () => {
    expect(readTypedDate("2026/2/30", "ja")).toBe("2026-02-30");
  });

  it("hints at the order of the parts", () => {
    expect(datePattern("ja")).toBe("YYYY/MM/DD");
    expect(datePattern("ko")).toBe("YYYY. MM. DD.");
    expect(datePattern("en")).toBe("MM/DD/YYYY");
    expect(partOrder("en")).toEqual(["month", "day", "year"]);
  });
});
