// One virtual user of bench:load over plain HTTP (fetch), doing what the browser does for each step:
// next-auth's credentials sign-in (GET /api/auth/csrf, then the form POST to /api/auth/callback/<provider>
// with json=true), multipart uploads to /api/uploads, and server actions — a POST to the page with the
// `Next-Action` header and the arguments as React's encodeReply writes plain JSON (a text/plain JSON array),
// answered in React's flight format, whose row the first row's "a" points at holds the action's result.
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./lib.ts";

/** What an action answers (src/server/errors.ts ActionResult). */
export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number };

/** A response that is not the app's answer at all (transport failure, 5xx, unparsable body). */
export class HttpFailure extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** Server action ids by "<file>#<export>", from the production build's manifest. */
export function loadActionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) ids.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return ids;
}

export function actionId(ids: Map<string, string>, file: string, exportName: string): string {
  const id = ids.get(`${file}#${exportName}`);
  if (!id) throw new Error(`server action ${file}#${exportName} is not in .next/server/server-reference-manifest.json (rebuild?)`);
  return id;
}

/** React flight values the actions' results can contain: "$$…" is an escaped "$", "$undefined", "$D<iso>" a Date. */
function reviveFlight(_key: string, value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith("$")) return value;
  if (value.startsWith("$$")) return value.slice(1);
  if (value === "$undefined") return undefined;
  if (value.startsWith("$D")) return value.slice(2);
  return value;
}

export function parseActionResponse(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const head = rows.get("0");
  if (!head) throw new HttpFailure("bad-action-response", `no root row in the action response: ${body.slice(0, 200)}`);
  const root = JSON.parse(head) as { a?: unknown };
  const pointer = typeof root.a === "string" && root.a.startsWith("$@") ? root.a.slice(2) : null;
  if (!pointer) throw new HttpFailure("bad-action-response", `the action response has no result: ${head.slice(0, 200)}`);
  const row = rows.get(pointer);
  if (row === undefined) throw new HttpFailure("bad-action-response", `the action response lacks row ${pointer}`);
  return JSON.parse(row, reviveFlight);
}

export class VirtualUser {
  private readonly cookies = new Map<string, string>();
  private instance = 0;

  constructor(
    private readonly urls: string[],
    /** The address a trusted proxy would put in X-Forwarded-For for this user. */
    private readonly forwardedFor: string,
    deviceId: string,
  ) {
    // The device cookie a browser holds after its first visit: sign-in codes are bound to it.
    this.cookies.set("carely_device", deviceId);
    this.instance = Math.floor(Math.random() * urls.length);
  }

  /** Requests alternate between the instances, as behind a round-robin balancer. */
  private nextUrl(): string {
    this.instance = (this.instance + 1) % this.urls.length;
    return this.urls[this.instance]!;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Response> {
    const base = this.nextUrl();
    const headers: Record<string, string> = {
      "x-forwarded-for": this.forwardedFor,
      origin: base,
      ...init.headers,
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    let response: Response;
    try {
      response = await fetch(`${base}${pathname}`, { method: init.method ?? "GET", headers, body: init.body, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new HttpFailure("transport", `${pathname}: ${cause}`);
    }
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** A page as the browser loads it (the HTML document); 3xx is a failure here (e.g. sent back to /login). */
  async page(pathname: string): Promise<void> {
    const response = await this.request(pathname, { headers: { accept: "text/html" } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new HttpFailure(`http-${response.status}`, `GET ${pathname}: ${response.status} ${response.headers.get("location") ?? ""}`);
  }

  async action<T>(pagePath: string, id: string, args: unknown[]): Promise<ActionResult<T>> {
    const response = await this.request(pagePath, {
      method: "POST",
      headers: { accept: "text/x-component", "next-action": id, "content-type": "text/plain;charset=UTF-8" },
      // encodeReply escapes a leading "$" in strings; no argument of these actions starts with one.
      body: JSON.stringify(args),
    });
    const body = await response.text();
    if (response.status !== 200) throw new HttpFailure(`http-${response.status}`, `action on ${pagePath}: ${response.status} ${body.slice(0, 200)}`);
    return parseActionResponse(body) as ActionResult<T>;
  }

  /** next-auth credentials sign-in; returns null on success, else the message authorize threw. */
  async signIn(provider: string, fields: Record<string, string>): Promise<string | null> {
    const csrfResponse = await this.request("/api/auth/csrf");
    if (csrfResponse.status !== 200) throw new HttpFailure(`http-${csrfResponse.status}`, `GET /api/auth/csrf: ${csrfResponse.status}`);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const response = await this.request(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: "/", json: "true" }).toString(),
    });
    const text = await response.text();
    let url: string | undefined;
    try {
      url = (JSON.parse(text) as { url?: string }).url;
    } catch {
      throw new HttpFailure(`http-${response.status}`, `sign-in ${provider}: ${response.status} ${text.slice(0, 200)}`);
    }
    const error = url ? new URL(url, "http://x").searchParams.get("error") : null;
    if (response.status === 200 && !error) {
      if (![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) throw new HttpFailure("no-session-cookie", `sign-in ${provider}: no session cookie`);
      return null;
    }
    if (response.status >= 500) throw new HttpFailure(`http-${response.status}`, `sign-in ${provider}: ${response.status}`);
    return error ?? `status ${response.status}`;
  }

  async upload(kind: string, file: { bytes: Buffer; name: string; type: string }): Promise<{ status: number; body: ActionResult<{ id: string; receipt?: { verdict: string } }> }> {
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await this.request("/api/uploads", { method: "POST", body: form });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as ActionResult<{ id: string }> };
    } catch {
      throw new HttpFailure(`http-${response.status}`, `upload: ${response.status} ${text.slice(0, 200)}`);
    }
  }
}
