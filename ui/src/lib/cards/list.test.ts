import { describe, expect, it } from "vitest";
import { cardId } from "../api/test-ids";
import type { CardQuery, CardRow } from "../api";
import { BLOCK, CardList, emptyFilters, moreFiltersSet } from "./list.svelte";
import { setLang } from "../i18n/i18n.svelte";

function fakeLedger(count: number) {
  const queries: CardQuery[] = [];
  const rows: CardRow[] = Array.from({ length: count }, (_, i) => ({
    id: cardId(`id-${i}`),
    code: `C-${i}`,
    kind: "organisation",
    status: "active",
    name: `会社${i}`,
    reading: "",
    owner: "",
    city: "",
    phone: "",
    updated_at: "2026-11-24T00:00:00Z",
    deleted_at: null,
    last_contact_at: null,
    days_since_contact: null,
    contact_cue: "cold",
    open_complaints: 0,
    abc: null,
    value_tier: null,
    grade: null,
    loyalty: null,
    completeness: null,
    core: false,
    problem: false,
    marks: null,
    custom: [],
  }));
  const fetch = async (query: CardQuery) => {
    queries.push(query);
    const matching = rows.filter((r) => r.name.includes(query.text));
    return { total: matching.length, offset: query.offset, rows: matching.slice(query.offset, query.offset + query.limit) };
  };
  return { fetch, queries };
}

describe("the card list", () => {
  it("loads only the blocks on screen", async () => {
    const ledger = fakeLedger(100_000);
    const list = new CardList(false, ledger.fetch);
    await list.reload();
    expect(list.total).toBe(100_000);
    expect(list.row(0)?.name).toBe("会社0");
    expect(list.row(BLOCK)).toBeUndefined();

    await list.ensure(50_000, 50_030);
    expect(list.row(50_010)?.name).toBe("会社50010");
    expect(ledger.queries.map((q) => q.offset)).toEqual([0, 50_000 - (50_000 % BLOCK)]);
  });

  it("starts again when the search changes and ignores late answers of the old search", async () => {
    const ledger = fakeLedger(1000);
    const list = new CardList(false, ledger.fetch);
    await list.reload();
    list.filters.text = "999";
    await list.reload();
    expect(list.total).toBe(1);
    expect(list.row(0)?.name).toBe("会社999");
    expect(list.filtered).toBe(true);
  });

  it("asks for the trash when it is the trash list", async () => {
    const ledger = fakeLedger(3);
    const list = new CardList(true, ledger.fetch);
    await list.reload();
    expect(ledger.queries[0].in_trash).toBe(true);
  });
});

describe("the order by reading", () => {
  it("asks for the window's language's own script first", async () => {
    await setLang("ja");
    expect(emptyFilters()).toMatchObject({ sort: "reading", reader: "ja" });
    await setLang("ko");
    expect(emptyFilters().reader).toBe("ko");
    await setLang("en");
  });
});

describe("the list's less used filters", () => {
  it("counts those set, so the button says how many are at work while they are folded away", () => {
    expect(moreFiltersSet(emptyFilters())).toBe(0);
    // Text, status, tag, owner and the order are always in view: not counted.
    expect(moreFiltersSet({ ...emptyFilters(), text: "青葉", status: "active", owner: "田中" })).toBe(0);
    expect(moreFiltersSet({ ...emptyFilters(), abc: "a", silent_days: 90 })).toBe(2);
  });
});
