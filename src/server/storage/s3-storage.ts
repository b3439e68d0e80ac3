import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { type ObjectStorage, type StoredObjectStream, assertContentType, assertStorageKey } from "./object-storage";

export interface S3StorageOptions {
  /** S3_ENDPOINT, e.g. https://storage.yandexcloud.net; unset: AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`: MinIO and most self-hosted servers. */
  forcePathStyle?: boolean;
  /** A whole call (put, delete, head), and the silence allowed on a socket while a body streams. */
  timeoutMs?: number;
  /** Tries per call, the first included (the SDK's standard retry with backoff for 5xx, throttling, resets). */
  maxAttempts?: number;
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/**
 * Any S3-compatible object storage (Yandex Object Storage, Selectel, VK Cloud, MinIO, AWS) through the AWS
 * SDK v3. Objects stay private: the portal streams them to the viewers it authorises (so the CSP keeps
 * `img-src 'self'` and no link to a shopper's photo exists outside the portal).
 *
 * Checksums only when an operation requires them: the SDK's default "flexible checksums" send uploads as
 * `aws-chunked` with a CRC trailer, which several S3-compatible services (and older MinIO) reject or store
 * verbatim; this is also what those providers' own SDK guides configure.
 */
export class S3Storage implements ObjectStorage {
  readonly name = "s3";
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly timeoutMs: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: options.maxAttempts ?? 3,
      // The Node handler's own options: a dead endpoint fails in seconds, a stalled stream too.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: this.timeoutMs },
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    assertContentType(contentType);
    await this.call(`store ${key}`, (abortSignal) =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length }), { abortSignal }),
    );
  }

  async get(key: string): Promise<{ bytes: Buffer; contentType: string } | null> {
    const opened = await this.open(key);
    if (!opened) return null;
    return { bytes: Buffer.from(await new Response(opened.body).arrayBuffer()), contentType: opened.contentType };
  }

  async open(key: string): Promise<StoredObjectStream | null> {
    assertStorageKey(key);
    // No overall abort signal: it would cut a slow but moving download; the socket timeout catches a stall.
    const output = await this.call(`read ${key}`, () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })), { missingIsNull: true });
    if (!output) return null;
    if (!output.Body) throw new Error(`S3 bucket ${this.bucket} answered no body for ${key}`);
    return {
      body: output.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      size: typeof output.ContentLength === "number" ? output.ContentLength : null,
      contentType: output.ContentType?.split(";")[0]?.trim() || DEFAULT_CONTENT_TYPE,
    };
  }

  /** Size and ETag of a stored object, or null (for `npm run storage:migrate`, which skips what is already there). */
  async head(key: string): Promise<{ size: number; etag: string | null } | null> {
    assertStorageKey(key);
    const output = await this.call(`inspect ${key}`, (abortSignal) => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal }), {
      missingIsNull: true,
    });
    if (!output) return null;
    return { size: output.ContentLength ?? 0, etag: output.ETag ?? null };
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // S3 answers 204 for a missing key too: deleting twice is not an error.
    await this.call(`delete ${key}`, (abortSignal) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal }));
  }

  async ping(): Promise<void> {
    await this.call("answer HeadBucket", (abortSignal) => this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal }));
  }

  /** One SDK call under the overall timeout, its failure named by bucket, operation and S3 error code. */
  private async call<T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>, options?: { missingIsNull: false }): Promise<T>;
  private async call<T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>, options: { missingIsNull: true }): Promise<T | null>;
  private async call<T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>, options?: { missingIsNull: boolean }): Promise<T | null> {
    try {
      return await run(AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (options?.missingIsNull && status === 404) return null;
      const reason = error instanceof S3ServiceException ? `${error.name}${status ? ` (HTTP ${status})` : ""}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`S3 bucket ${this.bucket} did not ${what}: ${reason}`, { cause: error });
    }
  }
}
