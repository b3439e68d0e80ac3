import "server-only";

/**
 * What an image row's storage key becomes when its owner's personal data is deleted (152-ФЗ). The row
 * stays, because receipts hang on it (their fiscal key is the portal-wide "earns once" guard) and its
 * hashes keep the duplicate-screenshot guard working; only the file goes. `images.storage_key` is NOT
 * NULL, so a tombstone (a valid key no object is ever stored under) marks the file as gone.
 */
export const ERASED_IMAGE_KEY_PREFIX = "erased/";

export function isErasedImageKey(key: string): boolean {
  return key.startsWith(ERASED_IMAGE_KEY_PREFIX);
}
