import { describe, expect, it } from "vitest";
import type { PickedImage } from "@/components/uploads/image-picker";
import type { UploadedImage } from "@/components/uploads/upload-image";
import { type NewRequestState, draftOf, initialNewRequestState, newRequestErrors, newRequestInput, newRequestReducer } from "./new-request-state";

const uploaded = (id: string, kind: UploadedImage["kind"] = "REVIEW_SCREENSHOT"): UploadedImage => ({ id, kind, width: 800, height: 600 });
const picked = (image: UploadedImage): PickedImage => ({ key: image.id, previewUrl: `/img/${image.id}`, status: "done", progress: 1, uploaded: image });
const uploading = (key: string): PickedImage => ({ key, previewUrl: `blob:${key}`, status: "uploading", progress: 0.5 });
const failed = (key: string): PickedImage => ({ key, previewUrl: `blob:${key}`, status: "failed", progress: 0, error: "Это PDF-документ" });

const restored = newRequestReducer(initialNewRequestState, { type: "restore", draft: null, newIdempotencyKey: "new-key", picked });
const complete: NewRequestState = {
  ...restored,
  productId: "4",
  reviewUrl: "https://irecommend.ru/content/x",
  screenshots: [picked(uploaded("s1")), picked(uploaded("s2"))],
  receipt: [picked(uploaded("r1", "RECEIPT_PHOTO"))],
};

describe("the new request form's state", () => {
  it("without a draft starts empty with a new idempotency key", () => {
    expect(restored).toEqual({ ...initialNewRequestState, idempotencyKey: "new-key", restored: true });
  });

  it("takes a saved draft in, its images as uploaded ones, and its idempotency key", () => {
    const state = newRequestReducer(initialNewRequestState, {
      type: "restore",
      draft: { productId: "4", reviewUrl: "https://x.ru", screenshots: [uploaded("s1")], receipt: uploaded("r1", "RECEIPT_PHOTO"), idempotencyKey: "old-key" },
      newIdempotencyKey: "unused",
      picked,
    });
    expect(state).toMatchObject({ productId: "4", reviewUrl: "https://x.ru", idempotencyKey: "old-key", restored: true });
    expect(state.screenshots).toEqual([picked(uploaded("s1"))]);
    expect(state.receipt).toEqual([picked(uploaded("r1", "RECEIPT_PHOTO"))]);
  });

  it("keeps in the draft only what is on the server", () => {
    const state = { ...complete, screenshots: [picked(uploaded("s1")), uploading("u1"), failed("f1")], receipt: [uploading("r0")] };
    expect(draftOf(state)).toEqual({ productId: "4", reviewUrl: "https://irecommend.ru/content/x", screenshots: [uploaded("s1")], receipt: null, idempotencyKey: "new-key" });
  });

  it("applies the pickers' updates to their own images and opens and closes the scanner", () => {
    const withShot = newRequestReducer(restored, { type: "updateScreenshots", update: (items) => [...items, uploading("u1")] });
    expect(withShot.screenshots).toEqual([uploading("u1")]);
    expect(withShot.receipt).toEqual([]);
    const withReceipt = newRequestReducer(withShot, { type: "updateReceipt", update: () => [uploading("r1")] });
    expect(withReceipt.receipt).toEqual([uploading("r1")]);
    expect(newRequestReducer(restored, { type: "scan", open: true }).scanning).toBe(true);
    expect(newRequestReducer(restored, { type: "edit", field: "reviewUrl", value: "https://x.ru" }).reviewUrl).toBe("https://x.ru");
  });

  it("refuses an empty form field by field", () => {
    expect(newRequestErrors(restored, true)).toEqual({
      productId: "Выберите продукт.",
      reviewUrl: "Вставьте ссылку на ваш отзыв.",
      screenshots: "Добавьте хотя бы один скриншот отзыва.",
    });
    expect(newRequestErrors(complete, false)).toEqual({});
  });

  it("counts a screenshot still uploading as there only when the send may wait for it", () => {
    const state = { ...complete, screenshots: [uploading("u1")] };
    expect(newRequestErrors(state, true)).toEqual({});
    expect(newRequestErrors(state, false)).toEqual({ screenshots: "Добавьте хотя бы один скриншот отзыва." });
  });

  it("refuses a failed upload, of a screenshot or the receipt, at the form", () => {
    const message = "Некоторые фото не загрузились: повторите загрузку или уберите их.";
    expect(newRequestErrors({ ...complete, screenshots: [...complete.screenshots, failed("f1")] }, true)).toEqual({ form: message });
    expect(newRequestErrors({ ...complete, receipt: [failed("r0")] }, true)).toEqual({ form: message });
  });

  it("sends the uploaded screenshots and receipt with the draft's key", () => {
    expect(newRequestInput({ ...complete, screenshots: [...complete.screenshots, uploading("u1")] })).toEqual({
      productId: 4,
      reviewUrl: "https://irecommend.ru/content/x",
      screenshotIds: ["s1", "s2"],
      receiptImageId: "r1",
      idempotencyKey: "new-key",
    });
    expect(newRequestInput({ ...complete, receipt: [] }).receiptImageId).toBeNull();
  });
});
