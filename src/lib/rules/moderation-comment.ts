// What a moderator writes to the shopper: the comment on a decision, typed or filled in from a rejection
// template (whose text becomes that comment, so the two share one limit).

/** A decision's comment and a rejection template's text, in characters. */
export const MODERATOR_COMMENT_MAX_LENGTH = 2000;
/** A rejection template's title: it is the label of a button on the decision page. */
export const REJECTION_TEMPLATE_TITLE_MAX_LENGTH = 60;
