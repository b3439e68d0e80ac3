// Deleting a shopper's personal data (docs/rules/privacy.md): the word that confirms it, and the lengths the
// forms' inputs and delete-shopper-data.ts both hold to.

/** Typed by the shopper or the administrator to confirm; compared case-insensitively. */
export const DELETION_CONFIRMATION_WORD = "УДАЛИТЬ";

/** The confirmation field's length, in characters: room for the word and a slip, nothing more. */
export const DELETION_CONFIRMATION_MAX_LENGTH = 50;

/** The administrator's note on how the request came (a letter, a call, its number), in characters. */
export const DELETION_NOTE_MAX_LENGTH = 500;
