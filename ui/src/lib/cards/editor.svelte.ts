// The open card: the saved version, the draft being edited, and the field problems of the
// last save. The core decides what is valid; this only keeps what the user typed until then.
import { emptyMessaging } from "../messaging/channels";
import { call, commands, fieldIssues, type Card, type CardFields, type CardId, type CardKind, type FieldIssue } from "../api";

export function emptyFields(kind: CardKind): CardFields {
  return {
    kind,
    status: "prospect",
    name: "",
    reading: "",
    honorific: "",
    code: "",
    owner: "",
    lead_source: null,
    industry: "",
    tags: [],
    territory: "",
    route: "",
    postal_code: "",
    region: "",
    city: "",
    street: "",
    building: "",
    phones: [],
    email: "",
    website: "",
    messaging: emptyMessaging(),
    first_deal_on: null,
    first_deal_trigger: "",
    notes: "",
    standing: { credit_rating: "", credit_score: null, credit_limit: null, loyalty: null, cooperation: null, influence: null, brand_support: null },
    organisation:
      kind === "organisation"
        ? {
            representative: "",
            founded: null,
            capital: null,
            annual_sales: null,
            annual_sales_year: null,
            employees: null,
            sites_count: null,
            sites_where: "",
            fiscal_year_end_month: null,
            main_banks: "",
            associations: "",
            vehicles_count: null,
            vehicles_dealer: "",
            floor_area: null,
            licence_number: "",
            licence_issued: null,
            licence_expires: null,
            licence_review_on: null,
            contract_renews_on: null,
            payment_method: "",
            payment_terms: "",
            order_cycle: "",
            delivery_cycle: "",
            purchasing_policy: "",
            decision_maker: "",
            decision_approach: "",
            decision_meeting_on: null,
            needs: "",
            main_trouble: "",
            mailing_address: "",
          }
        : null,
    individual:
      kind === "individual"
        ? {
            family_name: "",
            family_name_reading: "",
            given_name: "",
            given_name_reading: "",
            birthday: null,
            occupation: "",
            position: "",
            employer: "",
            family: "",
            income_band: "",
            interests: "",
            circumstances: "",
            mailing_address: "",
            needs: "",
            info_sources: [],
          }
        : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isSection = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export class CardEditor {
  /** The card as stored; null for a new card not yet saved. */
  card = $state<Card | null>(null);
  draft = $state<CardFields>(emptyFields("organisation"));
  /** The draft as last loaded or saved, to tell whether anything changed. */
  private base = $state<CardFields>(emptyFields("organisation"));
  issues = $state<Map<string, FieldIssue>>(new Map());
  saving = $state(false);

  get dirty(): boolean {
    return !same(this.draft, this.base);
  }

  get inTrash(): boolean {
    return Boolean(this.card?.deleted_at);
  }

  startNew(kind: CardKind): void {
    this.card = null;
    this.base = emptyFields(kind);
    this.draft = emptyFields(kind);
    this.issues = new Map();
  }

  async load(id: CardId): Promise<void> {
    this.show(await call(commands.cardGet(id)));
  }

  /** Shows `card` as saved, dropping the draft. */
  show(card: Card): void {
    this.card = card;
    this.base = structuredClone(card.fields);
    this.draft = structuredClone(card.fields);
    this.issues = new Map();
  }

  /** Shows `latest` (saved elsewhere meanwhile) with what the user changed since loading put
   * back on top, field by field (and inside the profile sections), to check and save again. */
  rebase(latest: Card): void {
    const mine = $state.snapshot(this.draft) as Record<string, unknown>;
    const base = $state.snapshot(this.base) as Record<string, unknown>;
    const fields = structuredClone(latest.fields) as unknown as Record<string, unknown>;
    for (const key of Object.keys(mine)) {
      if (same(mine[key], base[key])) continue;
      const [m, b, l] = [mine[key], base[key], fields[key]];
      if (isSection(m) && isSection(b) && isSection(l)) {
        for (const inner of Object.keys(m)) if (!same(m[inner], b[inner])) l[inner] = m[inner];
      } else {
        fields[key] = m;
      }
    }
    this.show(latest);
    this.draft = fields as unknown as CardFields;
  }

  discard(): void {
    this.draft = structuredClone($state.snapshot(this.base));
    this.issues = new Map();
  }

  /** Saves the draft. On a validation error the problems are shown by field and the error is rethrown. */
  async save(): Promise<Card> {
    this.saving = true;
    try {
      const fields = $state.snapshot(this.draft);
      const card = this.card ? await call(commands.cardUpdate(this.card.id, this.card.version, fields)) : await call(commands.cardCreate(fields));
      this.show(card);
      return card;
    } catch (error) {
      this.issues = fieldIssues(error);
      throw error;
    } finally {
      this.saving = false;
    }
  }
}
