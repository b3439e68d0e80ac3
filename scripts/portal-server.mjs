// @ts-check
// The portal's HTTP server: Next.js behind a thin Node server of our own, for one reason — Next keeps a
// client's X-Forwarded-For as sent and drops the socket address, so per-IP limits could be dodged with a
// new header per request. Here every request carries the TCP peer's address in x-portal-peer-address,
// written over anything the client sent (read by src/server/http/client-ip.ts with TRUST_PROXY). It also
// gives every request its id (X-Request-Id from a trusted proxy, or a new one; echoed on the response and
// on every log line of the request) and times page requests for /api/metrics.
// Plain JavaScript, so the production server loads without a TypeScript loader.
//
//   node scripts/portal-server.mjs [--dev] [--port 3000] [--hostname 0.0.0.0]
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";
import { portalLogger, requestContext } from "../src/server/observability/log-core.mjs";
import { httpRequestDuration } from "../src/server/observability/metrics-core.mjs";
import { INTERNAL_REQUEST_ID_HEADER, REQUEST_ID_HEADER, requestIdFor, trustedHopsFromEnv } from "../src/server/observability/request-id.mjs";
import { pageRouteNamer } from "./lib/page-route-names.mjs";

const PEER_ADDRESS_HEADER = "x-portal-peer-address";
const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    hostname: { type: "string", default: process.env.HOSTNAME_BIND ?? "::" },
  },
});
const port = Number(args.port);
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const logger = portalLogger();
const trustedHops = trustedHopsFromEnv();

// A production server runs on the config the build was made with (.next/required-server-files.json), passed
// the way Next's standalone server.js passes it: inside the standalone output (the container image, this
// file copied to web/scripts/) there is no next.config.js, and beside one Next would otherwise warn that
// "next start" does not suit `output: "standalone"`.
const standaloneFiles = path.join(dir, ".next", "required-server-files.json");
if (!args.dev && existsSync(standaloneFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(readFileSync(standaloneFiles, "utf8")).config);
}

const app = next({ dev: args.dev, dir, port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const pageName = pageRouteNamer(path.join(dir, ".next"));
const durations = httpRequestDuration();

const server = createServer((request, response) => {
  const startedAt = performance.now();
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  const requestId = requestIdFor(request.headers[REQUEST_ID_HEADER], trustedHops);
  request.headers[INTERNAL_REQUEST_ID_HEADER] = requestId;
  response.setHeader("X-Request-Id", requestId);
  const route = pageName(request.url, request.headers);
  if (route !== null) {
    response.once("finish", () => {
      durations.observe({ kind: "page", route, method: request.method ?? "GET", status: String(response.statusCode) }, (performance.now() - startedAt) / 1000);
    });
  }
  requestContext.run({ requestId }, () => void handle(request, response));
});
// Slightly above a typical load balancer's 60 s idle timeout, so the balancer closes idle connections first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
if (args.dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => {
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    void upgrade(request, socket, head);
  });
}

server.listen(port, args.hostname, () => {
  logger.info({ event: "portal.listening", port, dev: args.dev }, `▲ Next.js ${args.dev ? "dev server" : "production server"} listening on port ${port}`);
});

let stopping = false;
/** @param {string} signal what asked for the stop, for the log */
function stop(signal) {
  if (stopping) return;
  stopping = true;
  logger.info({ event: "portal.stopping", signal }, `${signal}: finishing requests in flight…`);
  // Requests in flight finish; idle keep-alive connections close at once; a stuck one has 10 s.
  server.close(() => void app.close().finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
// Started with an IPC channel (the cluster harness, tests/cluster/cluster.ts): it closes when the parent
// dies however it dies (even kill -9), and this server must not outlive it as an orphan.
if (process.connected) process.once("disconnect", () => stop("parent exited"));
