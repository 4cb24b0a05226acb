import { cardId, keyPersonId } from "../api/test-ids";
import { describe, expect, it } from "vitest";
import type { KeyPerson } from "../api";
import { localMinute, newContact, withKindDetails } from "./contacts";

const person = (id: string, role: KeyPerson["fields"]["role"]): KeyPerson => ({
  id: keyPersonId(id),
  card_id: cardId("c"),
  fields: {
    name: id,
    reading: "",
    department: "",
    title: "",
    role,
    phone: "",
    email: "",
    messaging: { line: "", wechat: "", qq: "", kakaotalk: "", whatsapp: "", weibo: "" },
    birthday: null,
    interests: "",
    notes: "",
  },
});

describe("a new contact", () => {
  it("defaults to a visit now, with the decision maker and the user", () => {
    const now = new Date(2026, 10, 24, 9, 5);
    const fields = newContact([person("a", "user"), person("b", "decision_maker")], "山田", now);
    expect(fields).toMatchObject({ kind: "visit", at: "2026-11-24T09:05", participants: ["b"], rep: "山田" });
    expect(newContact([], "", now).participants).toEqual([]);
    expect(localMinute(new Date(2026, 0, 2, 3, 4))).toBe("2026-01-02T03:04");
  });

  it("carries complaint or negotiation details only for those kinds", () => {
    const base = newContact([], "", new Date(2026, 10, 24));
    expect(withKindDetails({ ...base, kind: "complaint" }).complaint?.state).toBe("open");
    const negotiation = withKindDetails({ ...base, kind: "negotiation" });
    expect(negotiation.negotiation).not.toBeNull();
    expect(negotiation.complaint).toBeNull();
    expect(withKindDetails({ ...negotiation, kind: "visit" }).negotiation).toBeNull();
  });
});
