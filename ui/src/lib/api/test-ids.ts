// Ids as the tests write them: literal text taken as the branded id types the core sends.
import type {
  AssessmentId,
  CardId,
  CardProductId,
  CaseId,
  CompetitorId,
  ContactId,
  KeyPersonId,
  NoteId,
  PaymentId,
  ProductId,
  SheetId,
  TransactionId,
  VisitId,
} from "./bindings";

export const cardId = (id: string) => id as CardId;
export const contactId = (id: string) => id as ContactId;
export const keyPersonId = (id: string) => id as KeyPersonId;
export const noteId = (id: string) => id as NoteId;
export const visitId = (id: string) => id as VisitId;
export const transactionId = (id: string) => id as TransactionId;
export const competitorId = (id: string) => id as CompetitorId;
export const productId = (id: string) => id as ProductId;
export const sheetId = (id: string) => id as SheetId;
export const assessmentId = (id: string) => id as AssessmentId;
export const cardProductId = (id: string) => id as CardProductId;
export const caseId = (id: string) => id as CaseId;
export const paymentId = (id: string) => id as PaymentId;
