import { describe, expect, it } from "vitest";
import { fittedWidth, gridTracks, shownColumns, withHidden } from "./columns";

/** The grid's template as the card list writes it into `--columns`. */
const gridTemplate = (...args: Parameters<typeof gridTracks>) => gridTracks(...args).join(" ");

const view = (hidden: string[] = [], widths: Record<string, number> = {}, compact = false) => ({ hidden, widths, compact });

describe("the card list's columns as the rep arranged them", () => {
  it("shows every column until one is hidden, and never hides the code or the name", () => {
    expect(shownColumns([], true, null)).toEqual(["code", "name", "reading", "status", "owner", "city", "phone", "date", "last_contact", "class"]);
    const hidden = view(["phone", "reading", "name", "code", "own:f1"]);
    expect(shownColumns(["f1", "f2"], true, hidden)).toEqual(["code", "name", "status", "owner", "city", "date", "own:f2", "last_contact", "class"]);
  });

  it("gives a dragged column its width and the others their default tracks", () => {
    const tracks = gridTemplate([], false, view(["reading"], { name: 320 }), true);
    expect(tracks).toBe("var(--code-width, 86px) 320px 86px minmax(64px, 1fr) minmax(64px, 1fr) minmax(96px, 126px) 96px 100px");
    // A width out of reach is held to the widest a column may be.
    expect(gridTemplate([], false, view([], { owner: 5000 }), false)).toContain("800px");
    // While a column is dragged, its width follows the pointer.
    expect(gridTemplate([], false, view(), false, { id: "city", width: 150 })).toContain("150px");
  });

  it("hides and shows a column again without touching the rest", () => {
    const once = withHidden(view(["phone"], { name: 300 }, true), "city", true);
    expect(once).toEqual(view(["phone", "city"], { name: 300 }, true));
    expect(withHidden(once, "phone", false).hidden).toEqual(["city"]);
  });
});

describe("columns fitted to their content", () => {
  it("takes the widest content, within bounds a long name cannot break", () => {
    expect(fittedWidth([88.2, 131.6, 97])).toBe(132);
    expect(fittedWidth([])).toBe(40);
    expect(fittedWidth([12])).toBe(40);
    expect(fittedWidth([2400])).toBe(420);
  });

  it("keeps one track per shown column, in order", () => {
    const tracks = gridTracks([], false, view(["reading"], { owner: 150 }), false);
    expect(tracks).toHaveLength(7);
    expect(tracks[3]).toBe("150px");
  });
});
