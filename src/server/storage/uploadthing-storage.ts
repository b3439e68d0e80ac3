import "server-only";
import { UTApi, UTFile } from "uploadthing/server";
import { type ObjectStorage, type StoredObjectStream, assertContentType, assertStorageKey } from "./object-storage";

export interface UploadThingStorageOptions {
  /** UPLOADTHING_TOKEN: base64 of `{"apiKey":"sk_…","appId":"…","regions":["…"]}`. */
  token: string;
  /**
   * Overrides of the API (`https://api.uploadthing.com`) and ingest (`https://<region>.ingest.uploadthing.com`)
   * servers, for tests. Unset, the SDK also reads UPLOADTHING_API_URL and UPLOADTHING_INGEST_URL itself.
   */
  apiUrl?: string;
  ingestUrl?: string;
  logLevel?: "Error" | "None";
  timeoutMs?: number;
}

/**
 * UploadThing through its server SDK (`UTApi`). Our key is stored as the file's `customId` (with "/" as
 * "_", which keys never contain), so UploadThing keeps the mapping from our key to its own file key and
 * every call addresses files by customId:
 * - put: `uploadFiles` (signed PUT of multipart form data to the ingest server);
 * - get: `getSignedURL` (`POST /v6/requestFileAccess`), then a GET of the returned `ufsUrl`. A signed URL
 *   works whether the app's files are public or private, so the app can (and should) keep them private:
 *   the portal serves images itself, only to their owner and to staff;
 * - delete: `deleteFiles` (`POST /v6/deleteFiles`).
 */
export class UploadThingStorage implements ObjectStorage {
  readonly name = "uploadthing";
  private readonly api: UTApi;
  private readonly timeoutMs: number;

  constructor(options: UploadThingStorageOptions) {
    assertUploadThingToken(options.token);
    this.api = new UTApi({
      token: options.token,
      apiUrl: options.apiUrl,
      ingestUrl: options.ingestUrl,
      logLevel: options.logLevel ?? "Error",
      logFormat: "json",
      defaultKeyType: "customId",
    });
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertContentType(contentType);
    const customId = customIdFor(key);
    const file = new UTFile([new Uint8Array(bytes)], customId, { type: contentType, customId });
    const result = await this.api.uploadFiles(file, { contentDisposition: "inline", signal: AbortSignal.timeout(this.timeoutMs) });
    if (result.error) throw new Error(`UploadThing did not store ${key}: ${result.error.code} ${result.error.message}`);
  }

  async get(key: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const opened = await this.open(key);
    if (!opened) return null;
    return { bytes: Buffer.from(await new Response(opened.body).arrayBuffer()), contentType: opened.contentType };
  }

  async open(key: string): Promise<StoredObjectStream | null> {
    const customId = customIdFor(key);
    let url: string;
    try {
      // No expiresIn: UploadThing refuses it unless the dashboard allows overrides; the app default serves.
      ({ ufsUrl: url } = await this.api.getSignedURL(customId, { keyType: "customId" }));
    } catch (error) {
      if (httpStatusOf(error) === 404) return null;
      throw new Error(`UploadThing did not give access to ${key}`, { cause: error });
    }
    // The timeout covers the body too: an image that takes longer than that to arrive is abandoned.
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`UploadThing answered HTTP ${response.status} for ${key}`);
    }
    const length = Number(response.headers.get("content-length"));
    return {
      body: response.body,
      size: Number.isSafeInteger(length) && length >= 0 && response.headers.has("content-length") ? length : null,
      contentType: response.headers.get("content-type")?.split(";")[0]?.trim() || "application/octet-stream",
    };
  }

  async delete(key: string): Promise<void> {
    await this.api.deleteFiles(customIdFor(key), { keyType: "customId" });
  }

  async ping(): Promise<void> {
    await this.api.getUsageInfo();
  }
}

/** Our key as an UploadThing customId: "/" would read as a path in `/f/<customId>` URLs. */
export function customIdFor(key: string): string {
  assertStorageKey(key);
  return key.replaceAll("/", "_");
}

/** Fails at start-up, with a clear message, on a token the SDK would only reject at the first upload. */
function assertUploadThingToken(token: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    parsed = null;
  }
  const value = parsed as { apiKey?: unknown; appId?: unknown; regions?: unknown } | null;
  const valid =
    typeof value?.apiKey === "string" &&
    value.apiKey.startsWith("sk_") &&
    typeof value.appId === "string" &&
    Array.isArray(value.regions) &&
    value.regions.length > 0;
  if (!valid) throw new Error("UPLOADTHING_TOKEN is not an UploadThing token (base64 JSON with apiKey, appId and regions)");
}

/** The SDK fails with @effect/platform's ResponseError, which carries the HTTP response. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === "number" ? status : undefined;
}
