// The fixed choices of a card, in the order the UI offers them, and their labels.
import type { CardKind, CardStatus, ComplaintChannel, ComplaintState, ContactKind, DealResult, HistoryEntity, InfoSource, KeyRole, LeadSource } from "../api";
import { t } from "../i18n/i18n.svelte";

export const STATUSES: readonly CardStatus[] = ["prospect", "active", "dormant", "lost"];
export const KINDS: readonly CardKind[] = ["organisation", "individual"];
export const LEAD_SOURCES: readonly LeadSource[] = [
  "cold_canvass",
  "referral_chain",
  "centre_of_influence",
  "personal_connection",
  "own_observation",
  "introducer",
  "advertising",
  "desk_research",
  "inbound_enquiry",
  "other",
];
export const INFO_SOURCES: readonly InfoSource[] = ["own_experience", "acquaintances", "documents", "marketing", "trial"];
export const ROLES: readonly KeyRole[] = ["decision_maker", "influencer", "purchaser", "user", "gatekeeper"];

export const CONTACT_KINDS: readonly ContactKind[] = [
  "visit",
  "phone",
  "letter",
  "email",
  "meeting",
  "complaint",
  "negotiation",
  "service",
  "message",
  "training",
  "other",
];
export const COMPLAINT_STATES: readonly ComplaintState[] = ["open", "in_progress", "resolved"];
export const DEAL_RESULTS: readonly DealResult[] = ["won", "lost"];
export const dealResultLabel = (r: DealResult) => t(`deal_result.${r}`);
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = ["visit", "letter", "hotline", "other"];

export const contactKindLabel = (k: ContactKind) => t(`contact_kind.${k}`);
export const complaintStateLabel = (s: ComplaintState) => t(`complaint_state.${s}`);
export const complaintChannelLabel = (c: ComplaintChannel) => t(`complaint_channel.${c}`);
export const statusLabel = (s: CardStatus) => t(`status.${s}`);
export const kindLabel = (k: CardKind) => t(`kind.${k}`);
export const leadLabel = (l: LeadSource) => t(`lead.${l}`);
export const infoLabel = (i: InfoSource) => t(`info.${i}`);
export const roleLabel = (r: KeyRole) => t(`role.${r}`);

/** How a stored history value reads: enum values translated, the rest as typed. */
export function historyValue(entity: HistoryEntity, field: string, value: string | null): string {
  if (value === null || value === "") return t("history.empty_value");
  if (entity === "share") return `${value}%`;
  if (entity === "classification") {
    if (field === "value_tier") return t(`tier.${value}`);
    if (field === "core" || field === "problem") return t(`yes_no.${value}`);
    if (field === "completeness") return `${value}%`;
    return value;
  }
  const catalogs: Record<string, string> =
    entity === "product_use"
      ? { satisfaction: "usage.satisfaction" }
      : entity === "transaction"
        ? { kind: "txkind" }
        : entity === "contact"
          ? { kind: "contact_kind", "complaint.state": "complaint_state", "complaint.channel": "complaint_channel" }
          : entity === "note"
            ? {
                category: "note_category",
                means: "note_means",
                certainty: "certainty",
                reliability: "grade",
                importance: "grade",
                urgency: "grade",
                share: "yes_no",
              }
            : { status: "status", kind: "kind", lead_source: "lead", role: "role", "individual.info_sources": "info" };
  const catalog = catalogs[field];
  if (!catalog) return value;
  return value
    .split(", ")
    .map((v) => t(`${catalog}.${v}`))
    .join(", ");
}

/** Whole months from `at` (an ISO timestamp) to `now`: how long a card's profile has gone
 * without a change. */
export function monthsSince(at: string, now: Date = new Date()): number {
  const then = new Date(at);
  if (Number.isNaN(then.getTime())) return 0;
  let months = (now.getFullYear() - then.getFullYear()) * 12 + (now.getMonth() - then.getMonth());
  if (now.getDate() < then.getDate()) months -= 1;
  return Math.max(months, 0);
}

/** A profile unchanged this long is due a review (原則①: a card left untended loses its value). */
export const REVIEW_AFTER_MONTHS = 12;
