import { mkdtemp, rm } from "node:fs/promises";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/**
 * A real S3-compatible server on 127.0.0.1 (s3rver: the S3 REST API and its XML errors, path-style
 * buckets, objects on disk) for tests and for plain `tsx` scripts (no Vitest imports). Several processes
 * can share one: hand them `env`. s3rver checks the access key id but not SigV4 signatures themselves.
 *
 * s3rver does not decode `aws-chunked` bodies, which AWS SDK v3 sends by default for streamed uploads
 * ("flexible checksums"); the portal's client sets `requestChecksumCalculation: "WHEN_REQUIRED"`, which is
 * also what Yandex Object Storage and MinIO-compatible setups need, so the tests exercise the real setting.
 */
export interface S3TestServer {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The portal's S3_* variables pointing at this server. */
  env: Record<string, string>;
  /**
   * Fault injection: the next `count` DELETE requests (any key) answer 503 ServiceUnavailable; `Infinity`
   * until `failDeletes(0)`. The SDK retries a 503 itself (3 attempts by default), so one injected failure is
   * absorbed: pass at least the client's attempt count to make a delete fail for the caller.
   */
  failDeletes(count: number): void;
  /** How many DELETE requests were refused by `failDeletes` so far. */
  readonly failedDeletes: number;
  /** Every request seen, method and path (for assertions such as "nothing was uploaded twice"). */
  readonly requests: ReadonlyArray<{ method: string; path: string }>;
  stop(): Promise<void>;
}

export interface S3TestServerOptions {
  /** Default: a free port. */
  port?: number;
  /** Where objects are kept; default a fresh temporary folder removed by stop(). */
  directory?: string;
  /** Created on start; default "carely-test". */
  bucket?: string;
}

// s3rver's built-in account (models/account.js): another access key id is refused (InvalidAccessKeyId).
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";
const REGION = "us-east-1";

export async function startS3Server(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? "carely-test";
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(path.join(tmpdir(), "carely-s3-")));

  const app = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }], vhostBuckets: false });
  await app.configureBuckets();
  const handle = app.callback();

  let deletesToFail = 0;
  let failedDeletes = 0;
  const requests: { method: string; path: string }[] = [];

  // Our own HTTP server in front of s3rver's Koa handler, so faults can be injected before S3 sees the request.
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push({ method: request.method ?? "GET", path: request.url ?? "/" });
    if (request.method === "DELETE" && deletesToFail > 0) {
      deletesToFail -= 1;
      failedDeletes += 1;
      request.resume();
      response.writeHead(503, { "content-type": "application/xml" });
      response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>ServiceUnavailable</Code><Message>Injected delete failure</Message></Error>');
      return;
    }
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    region: REGION,
    bucket,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    env: {
      S3_ENDPOINT: endpoint,
      S3_REGION: REGION,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: "1",
    },
    failDeletes(count: number) {
      deletesToFail = count;
    },
    get failedDeletes() {
      return failedDeletes;
    },
    requests,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // s3rver's winston logger keeps a console transport open otherwise.
      (app as unknown as { logger?: { close(): void } }).logger?.close();
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}
