// The card list's table on a large ledger.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import { tick } from "svelte";
import CardTable from "./CardTable.svelte";
import { CardList } from "./list.svelte";

describe("the card list's table", () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("lays out 100,000 cards once, not in an endless round of updates before the first list", async () => {
    const list = new CardList(false, async (query) => ({ total: 100_000, offset: query.offset ?? 0, rows: [] }));
    await list.reload();
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(" ")));
    render(CardTable, { list, onopen: () => {}, view: { hidden: [], widths: {}, compact: false }, onview: () => {} });
    await tick();
    expect(errors.filter((e) => e.includes("effect_update_depth_exceeded"))).toEqual([]);
  });
});
