// The card list's columns: which the rep may hide, how wide each is by default (a CSS grid
// track), and the grid they make with the rep's own arrangement (Settings' `list_view`).
import type { ListView } from "../api";

/** A column of the list; fields of the rep's own are `own:<id>`. */
export type ColumnId = string;

/** The columns every list has, in order, with their default tracks. */
const BUILT_IN: { id: ColumnId; track: string; hideable: boolean }[] = [
  { id: "code", track: "var(--code-width, 86px)", hideable: false },
  { id: "name", track: "minmax(130px, 2.2fr)", hideable: false },
  { id: "reading", track: "minmax(80px, 1.4fr)", hideable: true },
  { id: "status", track: "86px", hideable: true },
  { id: "owner", track: "minmax(64px, 1fr)", hideable: true },
  { id: "city", track: "minmax(64px, 1fr)", hideable: true },
  { id: "phone", track: "minmax(96px, 126px)", hideable: true },
  { id: "date", track: "96px", hideable: true },
];
const OWN_TRACK = "minmax(72px, 1fr)";
const CONTACT: { id: ColumnId; track: string; hideable: boolean }[] = [
  { id: "last_contact", track: "92px", hideable: true },
  { id: "class", track: "78px", hideable: true },
];
const ACTIONS_TRACK = "100px";

/** The narrowest and widest a dragged column may be (as the core checks). */
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 800;

export const ROW_HEIGHT = { comfortable: 38, compact: 30 } as const;

export function ownColumn(fieldId: string): ColumnId {
  return `own:${fieldId}`;
}

/** Every column of a list in order, shown or not. */
export function allColumns(own: string[], lastContact: boolean): { id: ColumnId; track: string; hideable: boolean }[] {
  return [...BUILT_IN, ...own.map((id) => ({ id: ownColumn(id), track: OWN_TRACK, hideable: true })), ...(lastContact ? CONTACT : [])];
}

/** The columns shown, in order: all but those the rep hid (never the code or the name). */
export function shownColumns(own: string[], lastContact: boolean, view: ListView | null): ColumnId[] {
  const hidden = new Set(view?.hidden ?? []);
  return allColumns(own, lastContact)
    .filter((c) => !c.hideable || !hidden.has(c.id))
    .map((c) => c.id);
}

/** The grid's tracks, one per shown column (and the actions'): a dragged width in pixels,
 * else the column's default. */
export function gridTracks(own: string[], lastContact: boolean, view: ListView | null, actions: boolean, dragging?: { id: ColumnId; width: number }): string[] {
  const shown = new Set(shownColumns(own, lastContact, view));
  const tracks = allColumns(own, lastContact)
    .filter((c) => shown.has(c.id))
    .map((c) => {
      const width = dragging?.id === c.id ? dragging.width : view?.widths?.[c.id];
      return width ? `${clampWidth(width)}px` : c.track;
    });
  if (actions) tracks.push(ACTIONS_TRACK);
  return tracks;
}

/** The widest a column is fitted to its content: a long name must not push the rest away. */
export const FIT_MAX = 420;

/** The width that shows the widest of `contents` (measured widths) whole, within bounds. */
export function fittedWidth(contents: number[]): number {
  return clampWidth(Math.min(FIT_MAX, Math.ceil(Math.max(MIN_WIDTH, ...contents))));
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

/** `view` with `id` hidden or shown again. */
export function withHidden(view: ListView, id: ColumnId, hide: boolean): ListView {
  const hidden = (view.hidden ?? []).filter((h) => h !== id);
  return { ...view, hidden: hide ? [...hidden, id] : hidden };
}
