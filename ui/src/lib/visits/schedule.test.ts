import { describe, expect, it } from "vitest";
import type { PlannedVisit } from "../api";
import { byTime, hours, minutesOf, place, timeRange } from "./schedule";

function visit(id: string, starts_at: string | null, duration_minutes: number | null = null, position = 0): PlannedVisit {
  return {
    id,
    card_id: `card-${id}`,
    card_name: id,
    card_code: id,
    region: "",
    city: "",
    postal_code: "",
    address: "",
    planned_on: "2026-12-07",
    position,
    purpose: "",
    contact_id: null,
    open_complaints: 0,
    starts_at,
    duration_minutes,
    place: "",
    meeting_with: "",
    confirmed: false,
    overlaps: false,
  } as PlannedVisit;
}

describe("a day's schedule", () => {
  it("reads times and shows a visit's range, an hour when no length is set", () => {
    expect(minutesOf("09:30")).toBe(570);
    expect(minutesOf("9:30")).toBeNull();
    expect(timeRange(visit("a", "14:00", 90))).toBe("14:00–15:30");
    expect(timeRange(visit("b", "14:00"))).toBe("14:00–15:00");
    expect(timeRange(visit("c", null))).toBe("");
  });

  it("puts timed visits in time order before the untimed ones, which keep the route's order", () => {
    const order = byTime([visit("late", "15:00", 30, 0), visit("untimed2", null, null, 3), visit("early", "09:00", 30, 1), visit("untimed1", null, null, 2)]);
    expect(order.map((v) => v.id)).toEqual(["early", "late", "untimed2", "untimed1"]);
  });

  it("sets overlapping visits side by side and leaves the others full width", () => {
    const placed = place([visit("a", "10:00", 60), visit("b", "10:30", 60), visit("c", "13:00", 30)]);
    const byId = Object.fromEntries(placed.map((p) => [p.visit.id, p]));
    expect([byId.a.lane, byId.a.lanes]).toEqual([0, 2]);
    expect([byId.b.lane, byId.b.lanes]).toEqual([1, 2]);
    expect([byId.c.lane, byId.c.lanes]).toEqual([0, 1]);
  });

  it("shows 8:00 to 19:00, widened to an early or late appointment", () => {
    expect(hours(place([visit("a", "10:00")]))).toEqual([8, 19]);
    expect(hours(place([visit("a", "07:15"), visit("b", "19:30", 60)]))).toEqual([7, 21]);
  });
});
