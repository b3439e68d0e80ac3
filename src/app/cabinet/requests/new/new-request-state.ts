import type { PickedImage } from "@/components/uploads/image-picker";
import type { UploadedImage } from "@/components/uploads/upload-image";

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
}

export type ImagesUpdate = (items: PickedImage[]) => PickedImage[];

export type NewRequestEvent =
  | { type: "restore"; draft: NewRequestDraft | null; newIdempotencyKey: string; picked: (image: UploadedImage) => PickedImage }
  | { type: "edit"; field: "productId" | "reviewUrl"; value: string }
  | { type: "updateScreenshots"; update: ImagesUpdate }
  | { type: "updateReceipt"; update: ImagesUpdate }
  | { type: "scan"; open: boolean };

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
