// The fixed choices of an intelligence note, in the order the UI offers them, and their labels.
import type { Certainty, Grade, NoteCategory, NoteMeans } from "../api";
import { t } from "../i18n/i18n.svelte";

export const CATEGORIES: readonly NoteCategory[] = ["company", "person", "needs", "competitor", "market", "credit", "other"];
export const MEANS: readonly NoteMeans[] = ["face_to_face", "phone", "document", "web", "questionnaire", "observation", "other"];
export const CERTAINTIES: readonly Certainty[] = ["fact", "speculation"];
export const GRADES: readonly Grade[] = ["low", "medium", "high"];

export const categoryLabel = (c: NoteCategory) => t(`note_category.${c}`);
export const meansLabel = (m: NoteMeans) => t(`note_means.${m}`);
export const certaintyLabel = (c: Certainty) => t(`certainty.${c}`);
export const gradeLabel = (g: Grade) => t(`grade.${g}`);
