import { describe, expect, it } from "vitest";
import type { PickedImage } from "@/components/uploads/image-picker";
import type { UploadedImage } from "@/components/uploads/upload-image";
import { type NewRequestState, askingAboutDuplicates, draftOf, duplicateCheckInput, duplicateWarnings, initialNewRequestState, needsDuplicateConfirmation, newRequestErrors, newRequestInput, newRequestReducer } from "./new-request-state";

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

  it("asks about repeats for the link once it is one, and the uploaded images only", () => {
    expect(duplicateCheckInput(restored)).toBeNull();
    expect(duplicateCheckInput({ ...restored, reviewUrl: "irecomm" })).toBeNull();
    expect(duplicateCheckInput({ ...complete, screenshots: [picked(uploaded("s1")), uploading("u1")] })).toEqual({
      reviewUrl: "https://irecommend.ru/content/x",
      screenshotIds: ["s1"],
      receiptImageId: "r1",
    });
  });

  it("shows the check's answer beside what is still in the form, and asks about the same repeats once", () => {
    const checked = newRequestReducer(complete, {
      type: "duplicatesChecked",
      duplicates: {
        reviewUrl: { key: "irecommend.ru/content/x", match: { mine: true, requestId: 12 } },
        screenshots: [{ imageId: "s2", match: { mine: false } }, { imageId: "gone", match: { mine: false } }],
        receipt: { imageId: "r1", match: { mine: true, requestId: 12 } },
      },
    });
    const warnings = duplicateWarnings(checked);
    expect(warnings.reviewUrl?.text).toBe("Этот отзыв уже отправлен в заявке №12.");
    expect(warnings.screenshots.map((shot) => shot.text)).toEqual(["Скриншот 2 уже участвовал в программе."]);
    expect(warnings.receipt?.text).toBe("Этот чек уже отправлен в заявке №12.");

    expect(needsDuplicateConfirmation(checked)).toBe(true);
    expect(askingAboutDuplicates(checked)).toBe(false);
    const asked = newRequestReducer(checked, { type: "askAboutDuplicates" });
    expect(needsDuplicateConfirmation(asked)).toBe(false);
    expect(askingAboutDuplicates(asked)).toBe(true);
    // Another link: the old answer no longer applies to it; the screenshot and receipt were asked about already.
    const edited = newRequestReducer(asked, { type: "edit", field: "reviewUrl", value: "https://irecommend.ru/content/y" });
    expect(duplicateWarnings(edited).reviewUrl).toBeNull();
    expect(needsDuplicateConfirmation(edited)).toBe(false);
    // Nothing repeated: nothing to ask.
    expect(needsDuplicateConfirmation(complete)).toBe(false);
  });

  it("numbers a repeated screenshot as its tile, counting the ones still uploading or failed", () => {
    const withFailedFirst = { ...complete, screenshots: [failed("f1"), picked(uploaded("s2")), uploading("u3")] };
    const checked = newRequestReducer(withFailedFirst, {
      type: "duplicatesChecked",
      duplicates: { reviewUrl: null, screenshots: [{ imageId: "s2", match: { mine: false } }], receipt: null },
    });
    expect(duplicateWarnings(checked).screenshots.map((shot) => shot.text)).toEqual(["Скриншот 2 уже участвовал в программе."]);
  });

  it("keeps the question on screen when a repeat is found while it is asked, and asks anew after it was gone", () => {
    const linkRepeated = newRequestReducer(complete, {
      type: "duplicatesChecked",
      duplicates: { reviewUrl: { key: "irecommend.ru/content/x", match: { mine: false } }, screenshots: [], receipt: null },
    });
    const asked = newRequestReducer(linkRepeated, { type: "askAboutDuplicates" });
    // The receipt's upload ends while the question is shown, and it is a repeat too: the question stays.
    const receiptToo = newRequestReducer(asked, {
      type: "duplicatesChecked",
      duplicates: { reviewUrl: { key: "irecommend.ru/content/x", match: { mine: false } }, screenshots: [], receipt: { imageId: "r1", match: { mine: false } } },
    });
    expect(askingAboutDuplicates(receiptToo)).toBe(true);
    expect(needsDuplicateConfirmation(receiptToo)).toBe(false);
    // The receipt taken out, the link's repeat still asked about: the question stays for it.
    const receiptRemoved = newRequestReducer(receiptToo, { type: "updateReceipt", update: () => [] });
    expect(askingAboutDuplicates(receiptRemoved)).toBe(true);
    // No repeats left: no question; a repeat found later, with no question on screen, is asked about at the next send.
    const linkChanged = newRequestReducer(receiptRemoved, { type: "edit", field: "reviewUrl", value: "https://irecommend.ru/content/y" });
    expect(askingAboutDuplicates(linkChanged)).toBe(false);
    const screenshotRepeated = newRequestReducer(linkChanged, {
      type: "duplicatesChecked",
      duplicates: { reviewUrl: null, screenshots: [{ imageId: "s1", match: { mine: true, requestId: 3 } }], receipt: null },
    });
    expect(askingAboutDuplicates(screenshotRepeated)).toBe(false);
    expect(needsDuplicateConfirmation(screenshotRepeated)).toBe(true);
  });
});
