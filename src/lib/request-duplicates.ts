// What the new-request form learns before sending about repeats of what it holds (the review link, each
// screenshot, the receipt), as src/server/domain/requests/check-request-duplicates.ts answers it, and how
// the form words it. Client-safe: the shape is the action's answer, the wording the form's.

/**
 * One repeat as the shopper may see it: their own earlier request, by number (they can open it), or
 * someone else's, with nothing about it at all: not its number, not who filed it.
 */
export type DuplicateMatch = { mine: true; requestId: number } | { mine: false };

export interface RequestDuplicates {
  /** The link's review was already sent (null: not, or no valid link was asked about). */
  reviewUrl: { key: string; match: DuplicateMatch } | null;
  /** The screenshots that repeat an earlier request's, by the image id the form sent. */
  screenshots: { imageId: string; match: DuplicateMatch }[];
  /** The receipt photo's fiscal receipt was already sent (null: not, unreadable, or none asked about). */
  receipt: { imageId: string; match: DuplicateMatch } | null;
}

export const NO_DUPLICATES: RequestDuplicates = { reviewUrl: null, screenshots: [], receipt: null };

/** How many screenshots and request ids the check takes at once (the form holds at most the settings' maximum). */
export const DUPLICATE_CHECK_MAX_SCREENSHOTS = 20;

function where(match: DuplicateMatch): string {
  return match.mine ? `уже отправлен в заявке №${match.requestId}` : "уже участвовал в программе";
}

export function reviewLinkDuplicateText(match: DuplicateMatch): string {
  return `Этот отзыв ${where(match)}.`;
}

export function receiptDuplicateText(match: DuplicateMatch): string {
  return `Этот чек ${where(match)}.`;
}

/** `position` is the screenshot's place in the picker, from 1; `count` how many screenshots there are. */
export function screenshotDuplicateText(match: DuplicateMatch, position: number, count: number): string {
  return `${count === 1 ? "Этот скриншот" : `Скриншот ${position}`} ${where(match)}.`;
}

/** Said beside the send button before a known repeat goes: the moderator decides, but the shopper knows first. */
export const DUPLICATE_CONFIRMATION_TEXT =
  "В заявке есть то, что уже отправляли (см. выше). Повтор, скорее всего, отклонят. Всё равно отправить?";

/** The page of the shopper's own earlier request. */
export function ownRequestHref(requestId: number): string {
  return `/cabinet/requests/${requestId}`;
}
