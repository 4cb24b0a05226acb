// Ids as the tests write them: literal text taken as the branded id types the core sends.
import type { CardId, ContactId, KeyPersonId, NoteId } from "./bindings";

export const cardId = (id: string) => id as CardId;
export const contactId = (id: string) => id as ContactId;
export const keyPersonId = (id: string) => id as KeyPersonId;
export const noteId = (id: string) => id as NoteId;
