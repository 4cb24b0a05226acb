// A new contact's defaults: now, a visit, the card's decision maker (or first key person), the user.
import type { ContactFields, KeyPerson } from "../api";

/** Local date and time as the core expects it: YYYY-MM-DDTHH:MM. */
export function localMinute(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function newContact(keyPersons: KeyPerson[], rep: string, now: Date): ContactFields {
  const main = keyPersons.find((p) => p.fields.role === "decision_maker") ?? keyPersons[0];
  return {
    kind: "visit",
    at: localMinute(now),
    duration_minutes: null,
    participants: main ? [main.id] : [],
    rep,
    purpose: "",
    content: "",
    outcome: "",
    reaction: "",
    next_action: "",
    next_action_due: null,
    next_action_done_at: null,
    complaint: null,
    negotiation: null,
  };
}

/** Gives the draft the detail block its kind needs (complaint or negotiation), dropping the other. */
export function withKindDetails(fields: ContactFields): ContactFields {
  return {
    ...fields,
    complaint: fields.kind === "complaint" ? (fields.complaint ?? { channel: null, state: "open", action_taken: "", resolved_on: null }) : null,
    negotiation: fields.kind === "negotiation" ? (fields.negotiation ?? { stage: "", amount: null, decision_date: null, result: null, result_note: "" }) : null,
  };
}
