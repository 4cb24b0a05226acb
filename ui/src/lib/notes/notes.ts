// A new note's defaults: learned today, about the company, fact, everything graded medium.
import type { NoteFields } from "../api";
import { localMinute } from "../cards/contacts";

export function newNote(now: Date): NoteFields {
  return {
    noted_on: localMinute(now).slice(0, 10),
    category: "company",
    source_who: "",
    source_where: "",
    situation: "",
    means: null,
    content: "",
    certainty: "fact",
    reliability: "medium",
    importance: "medium",
    urgency: "medium",
    how_to_use: "",
    find_out_next: "",
    judgement: "",
    judgement_on: null,
    share: false,
    competitor_id: null,
  };
}
