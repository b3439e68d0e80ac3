// npm run bench:queue — the moderation queue at scale (issue #4: both figures at most 150 ms at p95).
//
// Seeds 1,000,000 requests from 200,000 shoppers once (bench/queue-seed.ts) into its own database: an
// embedded PostgreSQL in .data/bench-postgres, or BENCH_DATABASE_URL. Starts the portal on it as
// `npm start` does (production build), signs a moderator in over HTTP, then measures, from first byte
// sent to the full body received on loopback:
//   1. the queue page (GET /moderation, full HTML) on each tab and with a filter and a search;
//   2. approve-and-open-next: the server action that approves a request's last pending part (it answers
//      with the next request's number), the next request's page as the client router fetches it (RSC),
//      and the claim the page takes on opening — the whole wait between the click and the next request.
// BENCH_REQUESTS sets the samples per figure (default 200); BENCH_QUEUE_REQUESTS / _SHOPPERS / _OPEN a
// smaller data set (with BENCH_DATABASE_URL or BENCH_PG_PORT naming a database of its own).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations } from "../scripts/lib/migrations.ts";
import { percentile, REPO_ROOT, startPortal, summarise } from "./lib.ts";
import { BENCH_MODERATOR, openQueueBenchDatabase, seedQueueBench, shapeFromEnv } from "./queue-seed.ts";

const SAMPLES = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const log = (line: string) => console.log(`[bench:queue] ${line}`);

const database = await openQueueBenchDatabase(log);
try {
  await applyMigrations(database.url, { log });
  const seedStarted = performance.now();
  await seedQueueBench(database.url, shapeFromEnv(), log);
  log(`data ready in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);

  process.env.DATABASE_URL = database.url;
  process.env.SEED_DEMO_DATA = "0";
  const portal = await startPortal(Number(process.env.BENCH_PORT ?? 3202), "/login/staff");
  try {
    const session = await signIn(portal.baseUrl);
    const actions = await serverActionIds(["decideRequestPartAction", "claimRequestAction"]);
    await measureQueuePage(portal.baseUrl, session);
    await measureApproveAndOpenNext(portal.baseUrl, session, actions);
  } finally {
    await portal.stop();
  }
} finally {
  await database.stop();
}

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}

async function measureQueuePage(baseUrl: string, cookie: string): Promise<void> {
  const variants: [string, string][] = [
    ["GET /moderation (all, default)", "/moderation"],
    ["GET /moderation?tab=overdue", "/moderation?tab=overdue"],
    ["GET /moderation?tab=today", "/moderation?tab=today"],
    ["GET /moderation?tab=flagged", "/moderation?tab=flagged"],
    ["GET /moderation?productId=3&flag=RECEIPT", "/moderation?productId=3&flag=RECEIPT"],
    ["GET /moderation?q=<phone>", `/moderation?q=${encodeURIComponent("8 (901) 000-12-34")}`],
  ];
  for (const [label, url] of variants) {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i += 1) {
      const target = i < WARMUP ? [] : samples;
      const body = await timed(target, async () => {
        const response = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        return response.text();
      });
      if (!body.includes("Очередь заявок")) throw new Error(`${url} did not render the queue`);
    }
    console.log(summarise(label, samples));
  }
}

async function measureApproveAndOpenNext(baseUrl: string, cookie: string, actions: Record<string, string>): Promise<void> {
  const roundTrips: number[] = [];
  const decideSamples: number[] = [];
  const openSamples: number[] = [];
  const claimSamples: number[] = [];
  const firstPartSamples: number[] = [];

  let current = await firstQueuedRequest(baseUrl, cookie);
  await callAction(baseUrl, cookie, current, actions.claimRequestAction!, { requestId: current });
  for (let i = 0; i < WARMUP + SAMPLES; i += 1) {
    const warm = i < WARMUP;
    const page = await fetchPage(baseUrl, cookie, current, false);
    const pending = pendingParts(page);
    if (pending.length === 0) throw new Error(`request ${current} shows no pending part`);
    // A request with two pending parts: the first decision only refreshes the page.
    for (const part of pending.slice(0, -1)) {
      await timed(warm ? [] : firstPartSamples, async () => {
        await callAction(baseUrl, cookie, current, actions.decideRequestPartAction!, { requestId: current, ...part, decision: "APPROVE" });
        await fetchPage(baseUrl, cookie, current, true);
      });
    }
    const last = pending[pending.length - 1]!;
    const started = performance.now();
    const outcome = await timed(warm ? [] : decideSamples, () =>
      callAction(baseUrl, cookie, current, actions.decideRequestPartAction!, { requestId: current, ...last, decision: "APPROVE" }),
    );
    const data = outcome.data as { status: string; nextRequestId?: number | null };
    if (!outcome.ok || data.status !== "DECIDED" || !data.nextRequestId) throw new Error(`approve failed: ${JSON.stringify(outcome)}`);
    const next = data.nextRequestId;
    await timed(warm ? [] : openSamples, () => fetchPage(baseUrl, cookie, next, true));
    const claim = await timed(warm ? [] : claimSamples, () => callAction(baseUrl, cookie, next, actions.claimRequestAction!, { requestId: next }));
    if (!claim.ok) throw new Error(`claim failed: ${JSON.stringify(claim)}`);
    if (!warm) roundTrips.push(performance.now() - started);
    current = next;
  }
  console.log(summarise("approve last part → next request opened and claimed (round trip)", roundTrips));
  console.log(summarise("  of which: approve action (answers with the next request)", decideSamples));
  console.log(summarise("  of which: next request page (RSC, as the router fetches it)", openSamples));
  console.log(summarise("  of which: claim action", claimSamples));
  if (firstPartSamples.length) console.log(summarise("approve a first part + page refresh (RSC)", firstPartSamples));
  console.log(`approve-and-open-next p95: ${percentile([...roundTrips].sort((a, b) => a - b), 95).toFixed(1)} ms`);
}

async function signIn(baseUrl: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/staff-password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: BENCH_MODERATOR.email, password: BENCH_MODERATOR.password, json: "true" }),
  });
  const session = cookiesOf(response);
  if (!session.includes("session-token")) throw new Error(`moderator sign-in failed (${response.status})`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Server actions are addressed by id; the production build's manifest names them. */
async function serverActionIds(names: string[]): Promise<Record<string, string>> {
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === "src/app/moderation/actions.ts" && entry.exportedName && names.includes(entry.exportedName)) ids[entry.exportedName] = id;
  }
  for (const name of names) if (!ids[name]) throw new Error(`server action ${name} not found in the build manifest`);
  return ids;
}

/** Calls a server action the way the browser does and returns its result. */
async function callAction(baseUrl: string, cookie: string, requestId: number, actionId: string, input: unknown): Promise<{ ok: boolean; data?: unknown; message?: string }> {
  const response = await fetch(`${baseUrl}/moderation/requests/${requestId}`, {
    method: "POST",
    headers: { cookie, "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: JSON.stringify([input]),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`action answered ${response.status}: ${body.slice(0, 300)}`);
  for (const line of body.split("\n")) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    const value = JSON.parse(match[1]!) as Record<string, unknown>;
    if ("ok" in value) return value as { ok: boolean; data?: unknown };
  }
  throw new Error(`no action result in: ${body.slice(0, 300)}`);
}

async function fetchPage(baseUrl: string, cookie: string, requestId: number, asRouter: boolean): Promise<string> {
  const response = await fetch(`${baseUrl}/moderation/requests/${requestId}`, { headers: asRouter ? { cookie, rsc: "1" } : { cookie } });
  const body = await response.text();
  // HTML splits the heading's text nodes with a comment; the RSC payload keeps the number as a value.
  const shown = asRouter ? body.includes(String(requestId)) : new RegExp(`Заявка №(<!-- -->)?${requestId}`).test(body);
  if (response.status !== 200 || !shown) throw new Error(`request page ${requestId} answered ${response.status}`);
  return body;
}

/** The decision panels on the page name the pending parts and their attempts. */
function pendingParts(html: string): { partKind: "REVIEW" | "RECEIPT"; attempt: number }[] {
  const parts: { partKind: "REVIEW" | "RECEIPT"; attempt: number }[] = [];
  for (const match of html.matchAll(/data-pending-part="(REVIEW|RECEIPT):(\d+)"/g)) {
    parts.push({ partKind: match[1] as "REVIEW" | "RECEIPT", attempt: Number(match[2]) });
  }
  // The receipt first, the review last (either order is fine for the server).
  return parts.sort((a, b) => (a.partKind === b.partKind ? 0 : a.partKind === "RECEIPT" ? -1 : 1));
}

async function firstQueuedRequest(baseUrl: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${baseUrl}/moderation`, { headers: { cookie } })).text();
  const match = /href="\/moderation\/requests\/(\d+)"/.exec(html);
  if (!match) throw new Error("the queue is empty");
  return Number(match[1]);
}
