// The card list's query and a sparse cache of its rows. The list asks the core only for the
// blocks of rows that are on screen, so 100,000 cards scroll as smoothly as 100.
import { SvelteSet } from "svelte/reactivity";
import { call, commands, type CardId, type CardQuery, type CardRow } from "../api";
import { lang } from "../i18n/i18n.svelte";

export const BLOCK = 200;

export type ListFilters = Omit<CardQuery, "offset" | "limit">;

export function emptyFilters(inTrash = false): ListFilters {
  return {
    text: "",
    status: null,
    kind: null,
    tag: null,
    owner: null,
    territory: null,
    silent_days: null,
    unchanged_months: null,
    abc: null,
    value_tier: null,
    list: null,
    grade: null,
    loyalty: null,
    receivable_age: null,
    overdue_follow_ups: false,
    visit_due: false,
    contacted: null,
    custom: null,
    sort: "reading",
    // By reading, the window's language's own script first (kana for Japanese, hangul for Korean).
    reader: lang(),
    in_trash: inTrash,
    ids: null,
  };
}

/** How many of the list's less used filters (behind "More filters") are set. */
export function moreFiltersSet(f: ListFilters): number {
  return [f.kind, f.territory, f.silent_days, f.unchanged_months, f.abc, f.value_tier, f.list, f.grade, f.loyalty, f.custom].filter((v) => v !== null).length;
}

/** The filters a dashboard chart sets, beyond the list's own selects. */
export function chartFilterActive(f: ListFilters): boolean {
  return Boolean(f.receivable_age || f.overdue_follow_ups || f.visit_due || f.contacted || (f.ids && f.ids.length > 0));
}

type Fetch = (query: CardQuery) => Promise<{ total: number; offset: number; rows: CardRow[] }>;

const fetchFromCore: Fetch = (query) => call(commands.cardsList(query));

export class CardList {
  filters = $state<ListFilters>(emptyFilters());
  total = $state(0);
  loaded = $state(false);
  error = $state<unknown>(null);
  /** The search text of the rows on screen: lags `filters.text` while a search is on its way. */
  shownText = $state("");
  /** Cards ticked for a change to many at once; kept while the user searches for more. */
  selected = new SvelteSet<CardId>();
  private blocks = $state<Record<number, CardRow[]>>({});
  private pending = new Set<number>();
  private generation = 0;

  constructor(
    inTrash = false,
    private readonly fetch: Fetch = fetchFromCore,
  ) {
    this.filters = emptyFilters(inTrash);
  }

  /** Whether any filter narrows the list (to tell "no cards" from "no match"). */
  get filtered(): boolean {
    const f = this.filters;
    return Boolean(
      f.text.trim() ||
      f.status ||
      f.kind ||
      f.tag ||
      f.owner ||
      f.territory ||
      f.silent_days ||
      f.unchanged_months ||
      f.abc ||
      f.value_tier ||
      f.list ||
      f.grade ||
      f.loyalty ||
      f.custom ||
      chartFilterActive(f),
    );
  }

  row(index: number): CardRow | undefined {
    return this.blocks[Math.floor(index / BLOCK)]?.[index % BLOCK];
  }

  /** Drops every cached row and loads the first block again (after a filter or a card changed). */
  async reload(): Promise<void> {
    this.generation++;
    this.pending.clear();
    this.blocks = {};
    await this.loadBlock(0);
  }

  /** Makes sure the rows `start..end` are loaded. */
  async ensure(start: number, end: number): Promise<void> {
    const first = Math.floor(Math.max(0, start) / BLOCK);
    const last = Math.floor(Math.max(0, end) / BLOCK);
    const loads: Promise<void>[] = [];
    for (let block = first; block <= last; block++) {
      if (!this.blocks[block] && !this.pending.has(block) && block * BLOCK < Math.max(this.total, 1)) {
        loads.push(this.loadBlock(block));
      }
    }
    await Promise.all(loads);
  }

  private async loadBlock(block: number): Promise<void> {
    const generation = this.generation;
    this.pending.add(block);
    try {
      const filters = $state.snapshot(this.filters);
      const page = await this.fetch({ ...filters, offset: block * BLOCK, limit: BLOCK });
      if (generation !== this.generation) return; // a newer query replaced this one
      this.total = page.total;
      this.shownText = filters.text;
      this.blocks = { ...this.blocks, [block]: page.rows };
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = error;
    } finally {
      if (generation === this.generation) {
        this.pending.delete(block);
        this.loaded = true;
      }
    }
  }
}
