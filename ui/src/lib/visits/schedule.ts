// A day's appointments on a time line: where each starts and ends, side by side when they
// overlap, and the hours the day view shows.
import type { PlannedVisit } from "../api";

/** How long a visit without a length is taken to last (the core's assumption too). */
export const DEFAULT_MINUTES = 60;

/** Minutes from midnight of `HH:MM`, or null. */
export function minutesOf(time: string | null): number | null {
  const match = time ? /^(\d{2}):(\d{2})$/.exec(time) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function hhmm(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

/** Start and end minutes of a timed visit. */
export function span(visit: PlannedVisit): [number, number] | null {
  const start = minutesOf(visit.starts_at);
  return start === null ? null : [start, start + (visit.duration_minutes ?? DEFAULT_MINUTES)];
}

/** "10:00–11:30", or "" without a time. */
export function timeRange(visit: PlannedVisit): string {
  const s = span(visit);
  return s ? `${hhmm(s[0])}–${hhmm(s[1])}` : "";
}

/** Timed visits by their time, then the others in the route's order. */
export function byTime(visits: PlannedVisit[]): PlannedVisit[] {
  const timed = visits.filter((v) => span(v) !== null).sort((a, b) => span(a)![0] - span(b)![0] || a.position - b.position);
  return [...timed, ...visits.filter((v) => span(v) === null)];
}

export interface Placed {
  visit: PlannedVisit;
  start: number;
  end: number;
  /** Column within its group of overlapping visits, and how many columns that group needs. */
  lane: number;
  lanes: number;
}

/** Lays out the timed visits of one day: overlapping ones share the width in lanes. */
export function place(visits: PlannedVisit[]): Placed[] {
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let groupEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...group.map((p) => p.lane + 1));
    for (const p of group) p.lanes = lanes;
    group = [];
  };
  for (const visit of byTime(visits)) {
    const s = span(visit);
    if (!s) continue;
    if (s[0] >= groupEnd) close();
    const used = new Set(group.filter((p) => p.end > s[0]).map((p) => p.lane));
    let lane = 0;
    while (used.has(lane)) lane++;
    const item = { visit, start: s[0], end: s[1], lane, lanes: 1 };
    group.push(item);
    placed.push(item);
    groupEnd = Math.max(groupEnd, s[1]);
  }
  close();
  return placed;
}

/** The hours a day view shows: 8:00 to 19:00, widened to every appointment. */
export function hours(placed: Placed[]): [number, number] {
  const first = Math.min(8, ...placed.map((p) => Math.floor(p.start / 60)));
  const last = Math.max(19, ...placed.map((p) => Math.ceil(p.end / 60)));
  return [first, Math.min(24, last)];
}
