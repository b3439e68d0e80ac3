import { randomUUID } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";

// A fake Resend (POST /emails, bearer key, Idempotency-Key) on 127.0.0.1 for the cluster: every process
// gets an API key of its own, so the record tells which process sent each email. GET /__sent hands the
// record to tests in other processes (Playwright's workers), which cannot see this one's memory.

export interface SentEmail {
  /** The name the sending process's API key was issued to ("web-a", "worker-1", …), or "unknown". */
  sender: string;
  to: string[];
  subject: string;
  idempotencyKey: string | null;
  /** The id answered: the first send's id again for a repeated idempotency key, as Resend does. */
  id: string;
  at: string;
}

export interface EmailSink {
  url: string;
  /** The API key for a process of this name (RESEND_API_KEY). */
  apiKeyFor(sender: string): string;
  sent(): SentEmail[];
  stop(): Promise<void>;
}

const keyPrefix = "re_cluster_";

export async function startEmailSink(options: { port: number; host?: string }): Promise<EmailSink> {
  const sent: SentEmail[] = [];
  const idsByKey = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => reply(response, 500, { statusCode: 500, name: "internal_server_error", message: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.method === "GET" && request.url === "/__sent") return reply(response, 200, sent);
    if (request.method !== "POST" || request.url !== "/emails") return reply(response, 404, { statusCode: 404, name: "not_found", message: "Not found" });
    const auth = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!auth?.startsWith(keyPrefix)) return reply(response, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const payload = JSON.parse(body || "{}") as { to?: string[] | string; subject?: string; from?: string };
    if (!payload.to || !payload.from || !payload.subject) return reply(response, 422, { statusCode: 422, name: "validation_error", message: "to, from and subject are required" });
    const idempotencyKey = (request.headers["idempotency-key"] as string | undefined) ?? null;
    const id = (idempotencyKey && idsByKey.get(idempotencyKey)) || randomUUID();
    if (idempotencyKey) idsByKey.set(idempotencyKey, id);
    sent.push({
      sender: auth.slice(keyPrefix.length),
      to: Array.isArray(payload.to) ? payload.to : [payload.to],
      subject: payload.subject,
      idempotencyKey,
      id,
      at: new Date().toISOString(),
    });
    reply(response, 200, { id });
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  return {
    url: `http://${host}:${options.port}`,
    apiKeyFor: (sender) => `${keyPrefix}${sender}`,
    sent: () => [...sent],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads the sink's record over HTTP (from a test process other than the one that started the sink). */
export async function fetchSentEmails(sinkUrl: string): Promise<SentEmail[]> {
  const response = await fetch(`${sinkUrl}/__sent`);
  if (!response.ok) throw new Error(`email sink answered HTTP ${response.status}`);
  return (await response.json()) as SentEmail[];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
