// A moderator's approval waits this long in the browser before it is sent, with "Отменить" on screen: a stray
// key or click credits nothing until then (docs/rules/requests-and-moderation.md, "Undoing an approval"). Only the decision page uses it;
// the server decides at once whatever reaches it.

/** How long an approval can be taken back, in seconds. */
export const APPROVAL_UNDO_SECONDS = 10;
