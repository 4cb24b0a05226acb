// The fixed choices of an intelligence note, in the order the UI offers them, and their labels.
import type { Certainty, Grade, IntelCategory, IntelMeans } from "../api";
import { t } from "../i18n/i18n.svelte";

export const CATEGORIES: readonly IntelCategory[] = ["company", "person", "needs", "competitor", "market", "credit", "other"];
export const MEANS: readonly IntelMeans[] = ["face_to_face", "phone", "document", "web", "other"];
export const CERTAINTIES: readonly Certainty[] = ["fact", "speculation"];
export const GRADES: readonly Grade[] = ["low", "medium", "high"];

export const categoryLabel = (c: IntelCategory) => t(`intel_category.${c}`);
export const meansLabel = (m: IntelMeans) => t(`intel_means.${m}`);
export const certaintyLabel = (c: Certainty) => t(`certainty.${c}`);
export const gradeLabel = (g: Grade) => t(`grade.${g}`);
