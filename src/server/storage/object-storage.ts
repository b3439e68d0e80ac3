import "server-only";

/** Where stored files (images) live: local disk in development and small installs, UploadThing or S3-compatible storage in production. */
export interface ObjectStorage {
  readonly name: string;
  /** Stores (or replaces) the object under `key`. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none under `key`. Reads it whole: for scripts and tests, not for serving. */
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  /**
   * The object as a stream, for serving it without holding it in memory; null when there is none. The
   * caller must read or cancel `body` (an abandoned stream holds a file handle or a connection).
   */
  open(key: string): Promise<StoredObjectStream | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Resolves when the storage answers (for the readiness probe); throws, with the reason, when it does not. */
  ping(): Promise<void>;
}

export interface StoredObjectStream {
  body: ReadableStream<Uint8Array>;
  /** Bytes, when the backend says (Content-Length); null otherwise. */
  size: number | null;
  contentType: string;
}

// Lower-case segments of letters, digits, dots and dashes, each starting with a letter or digit: no "..",
// no leading "/", no hidden files, nothing a file system or a URL would read differently.
// "_" is left out so that adapters can use it to flatten "/" unambiguously.
const KEY_PATTERN = /^[a-z0-9][a-z0-9.-]*(?:\/[a-z0-9][a-z0-9.-]*)*$/;
const MAX_KEY_LENGTH = 200;
const CONTENT_TYPE_PATTERN = /^[a-z]+\/[a-z0-9.+-]+$/;

/** Keys come from our code (`images/<uuid>/full.webp`), never from users: a bad one is a bug, so it throws. */
export function assertStorageKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new Error(`invalid storage key: ${JSON.stringify(key.slice(0, MAX_KEY_LENGTH))}`);
  }
}

export function assertContentType(contentType: string): void {
  if (contentType.length > 100 || !CONTENT_TYPE_PATTERN.test(contentType)) {
    throw new Error(`invalid content type: ${JSON.stringify(contentType.slice(0, 100))}`);
  }
}
