import type { PickedImage } from "@/components/uploads/image-picker";
import type { UploadedImage } from "@/components/uploads/upload-image";
import { type DuplicateMatch, NO_DUPLICATES, type RequestDuplicates, receiptDuplicateText, reviewLinkDuplicateText, screenshotDuplicateText } from "@/lib/request-duplicates";
import { normaliseReviewUrl } from "@/lib/review-link";

// What the new-request form holds (new-request-form.tsx), as a reducer with its checks and its draft, so
// that they can be tested alone. Pending, errors and the form's message are the shared action state's
// (src/components/forms/use-server-action.ts).

/** What survives a reload or a failed submit, in this tab's session storage: only what is on the server already. */
export interface NewRequestDraft {
  productId: string;
  reviewUrl: string;
  screenshots: UploadedImage[];
  receipt: UploadedImage | null;
  idempotencyKey: string;
}

export interface NewRequestState {
  productId: string;
  reviewUrl: string;
  screenshots: PickedImage[];
  /** None or one: the receipt photo, picked or scanned. */
  receipt: PickedImage[];
  /** The camera scanner is open. */
  scanning: boolean;
  idempotencyKey: string;
  /** The draft was looked for (in the first render in the browser; the server's render cannot read it). */
  restored: boolean;
  /** The latest answer of the check for repeats (src/lib/request-duplicates.ts); what it says of things no longer in the form is ignored. */
  duplicates: RequestDuplicates;
  /** The repeats (their keys, DuplicateWarnings.keys) the shopper has been asked to confirm sending with; each is asked about once. */
  askedAboutDuplicates: string[];
}

export type ImagesUpdate = (items: PickedImage[]) => PickedImage[];

export type NewRequestEvent =
  | { type: "restore"; draft: NewRequestDraft | null; newIdempotencyKey: string; picked: (image: UploadedImage) => PickedImage }
  | { type: "edit"; field: "productId" | "reviewUrl"; value: string }
  | { type: "updateScreenshots"; update: ImagesUpdate }
  | { type: "updateReceipt"; update: ImagesUpdate }
  | { type: "scan"; open: boolean }
  | { type: "duplicatesChecked"; duplicates: RequestDuplicates }
  | { type: "askAboutDuplicates" };

/** The fields the form shows errors beside (the rest, such as a failed upload, is the form's). */
export const NEW_REQUEST_FIELDS = ["productId", "reviewUrl", "screenshots", "receipt"] as const;

export const initialNewRequestState: NewRequestState = {
  productId: "",
  reviewUrl: "",
  screenshots: [],
  receipt: [],
  scanning: false,
  idempotencyKey: "",
  restored: false,
  duplicates: NO_DUPLICATES,
  askedAboutDuplicates: [],
};

export function newRequestReducer(state: NewRequestState, event: NewRequestEvent): NewRequestState {
  switch (event.type) {
    case "restore": {
      const { draft } = event;
      if (!draft) return { ...state, idempotencyKey: event.newIdempotencyKey, restored: true };
      return {
        ...state,
        productId: draft.productId,
        reviewUrl: draft.reviewUrl,
        screenshots: draft.screenshots.map(event.picked),
        receipt: draft.receipt ? [event.picked(draft.receipt)] : [],
        idempotencyKey: draft.idempotencyKey,
        restored: true,
      };
    }
    case "edit":
      return { ...state, [event.field]: event.value };
    case "updateScreenshots":
      return { ...state, screenshots: event.update(state.screenshots) };
    case "updateReceipt":
      return { ...state, receipt: event.update(state.receipt) };
    case "scan":
      return { ...state, scanning: event.open };
    case "duplicatesChecked": {
      const checked = { ...state, duplicates: event.duplicates };
      // A repeat found while the question is on screen joins it (its warning shows beside its field) rather
      // than taking the question away from under the shopper's finger.
      return askingAboutDuplicates(state) ? withAsked(checked) : checked;
    }
    case "askAboutDuplicates":
      return withAsked(state);
  }
}

/** The draft to keep: the uploaded images only (one still uploading or failed is not on the server). */
export function draftOf(state: NewRequestState): NewRequestDraft {
  return {
    productId: state.productId,
    reviewUrl: state.reviewUrl,
    screenshots: state.screenshots.flatMap((item) => (item.uploaded ? [item.uploaded] : [])),
    receipt: state.receipt[0]?.uploaded ?? null,
    idempotencyKey: state.idempotencyKey,
  };
}

/**
 * The form's own checks: field name → message, and `form` for what belongs to no one field. With
 * `uploadsPending`, photos still uploading count as there (the send waits for them).
 */
export function newRequestErrors(state: NewRequestState, uploadsPending: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!state.productId) errors.productId = "Выберите продукт.";
  if (!state.reviewUrl.trim()) errors.reviewUrl = "Вставьте ссылку на ваш отзыв.";
  const expected = state.screenshots.filter((item) => item.status === "done" || (uploadsPending && item.status === "uploading"));
  if (expected.length === 0) errors.screenshots = "Добавьте хотя бы один скриншот отзыва.";
  if ([...state.screenshots, ...state.receipt].some((item) => item.status === "failed")) errors.form = "Некоторые фото не загрузились: повторите загрузку или уберите их.";
  return errors;
}

/** What the filing action is sent: the uploaded screenshots and receipt. */
export function newRequestInput(state: NewRequestState) {
  return {
    productId: Number(state.productId),
    reviewUrl: state.reviewUrl,
    screenshotIds: state.screenshots.flatMap((item) => (item.status === "done" && item.uploaded ? [item.uploaded.id] : [])),
    receiptImageId: state.receipt[0]?.uploaded?.id ?? null,
    idempotencyKey: state.idempotencyKey,
  };
}

const uploadedIds = (items: PickedImage[]) => items.flatMap((item) => (item.status === "done" && item.uploaded ? [item.uploaded.id] : []));

/**
 * What the check for repeats is asked about: the link once it is one (typing that is not a link yet asks
 * nothing), the uploaded screenshots and receipt. Null when there is nothing to ask about.
 */
export function duplicateCheckInput(state: NewRequestState): { reviewUrl?: string; screenshotIds: string[]; receiptImageId: string | null } | null {
  const link = normaliseReviewUrl(state.reviewUrl);
  const input = { ...(link.ok && { reviewUrl: link.url }), screenshotIds: uploadedIds(state.screenshots), receiptImageId: uploadedIds(state.receipt)[0] ?? null };
  return input.reviewUrl || input.screenshotIds.length > 0 || input.receiptImageId ? input : null;
}

export interface DuplicateWarning {
  text: string;
  match: DuplicateMatch;
}

export interface DuplicateWarnings {
  reviewUrl: DuplicateWarning | null;
  screenshots: (DuplicateWarning & { imageId: string })[];
  receipt: DuplicateWarning | null;
  /** Which repeats these are, to ask about each once; empty when there are none. */
  keys: string[];
}

/** The check's answer as warnings beside their fields, for what the form still holds. */
export function duplicateWarnings(state: NewRequestState): DuplicateWarnings {
  const { duplicates } = state;
  const link = normaliseReviewUrl(state.reviewUrl);
  const reviewUrl = duplicates.reviewUrl && link.ok && link.key === duplicates.reviewUrl.key ? duplicates.reviewUrl : null;
  // Numbered as the picker shows its tiles (one still uploading or failed counts), so "Скриншот 2" is the second tile.
  const tileIds = state.screenshots.map((item) => item.uploaded?.id ?? null);
  const screenshots = duplicates.screenshots.flatMap(({ imageId, match }) => {
    const position = tileIds.indexOf(imageId);
    return position < 0 ? [] : [{ imageId, match, text: screenshotDuplicateText(match, position + 1, tileIds.length) }];
  });
  const receipt = duplicates.receipt && duplicates.receipt.imageId === uploadedIds(state.receipt)[0] ? duplicates.receipt : null;
  const keys = [reviewUrl && `link:${reviewUrl.key}`, ...screenshots.map((shot) => `shot:${shot.imageId}`), receipt && `receipt:${receipt.imageId}`].filter((key) => typeof key === "string");
  return {
    reviewUrl: reviewUrl && { match: reviewUrl.match, text: reviewLinkDuplicateText(reviewUrl.match) },
    screenshots,
    receipt: receipt && { match: receipt.match, text: receiptDuplicateText(receipt.match) },
    keys,
  };
}

/** A send of known repeats asks first; each repeat is asked about once. */
export function needsDuplicateConfirmation(state: NewRequestState): boolean {
  return duplicateWarnings(state).keys.some((key) => !state.askedAboutDuplicates.includes(key));
}

/** The question "send anyway?" is on screen: there are repeats, and the shopper has been asked about each. */
export function askingAboutDuplicates(state: NewRequestState): boolean {
  const { keys } = duplicateWarnings(state);
  return keys.length > 0 && keys.every((key) => state.askedAboutDuplicates.includes(key));
}

function withAsked(state: NewRequestState): NewRequestState {
  const asked = new Set([...state.askedAboutDuplicates, ...duplicateWarnings(state).keys]);
  return { ...state, askedAboutDuplicates: [...asked] };
}
