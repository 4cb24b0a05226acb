// One record of a card's list edited in place (a contact, a note, a key person, a product in
// use): which one is open ("new" while one is added), its draft, the core's field issues, and
// whether the draft holds changes not yet saved (the page asks before they are lost).
import type { FieldIssue } from "../api";
import { saving } from "../app/saving";

export class InlineEditor<Id extends string, Fields> {
  editing = $state<Id | "new" | null>(null);
  draft = $state() as Fields;
  issues = $state<Map<string, FieldIssue>>(new Map());
  #original = $state("");

  constructor(blank: Fields) {
    this.draft = blank;
  }

  /** True while the open draft differs from what was opened. */
  get dirty(): boolean {
    return this.editing !== null && JSON.stringify(this.draft) !== this.#original;
  }

  /** Opens a copy of `item`'s fields, or a new record made by `blank`. */
  open(item: { id: Id; fields: Fields } | null, blank: () => Fields): void {
    this.editing = item ? item.id : "new";
    this.draft = item ? (structuredClone($state.snapshot(item.fields)) as Fields) : blank();
    this.#original = JSON.stringify(this.draft);
    this.issues = new Map();
  }

  close(): void {
    this.editing = null;
  }

  /** Sends the draft through `request`; saved, it closes and says `notice`; refused, it stays
   * open with the issues beside the fields. True when saved. */
  async save<T>(request: (fields: Fields, editing: Id | "new") => Promise<T>, notice?: string): Promise<boolean> {
    const editing = this.editing;
    if (editing === null) return false;
    const outcome = await saving(request($state.snapshot(this.draft) as Fields, editing), notice);
    if (!outcome.ok) {
      this.issues = outcome.issues;
      return false;
    }
    this.editing = null;
    return true;
  }
}
