// The metrics registry, in plain JavaScript: shared by the portal's own HTTP server (scripts/portal-server.mjs,
// which times page requests) and the Next bundles (src/server/observability/metrics.ts). Types: metrics-core.d.mts.
import client from "prom-client";

// On globalThis: the custom server and each Next bundle may load their own copy of this module (and of
// prom-client); one registry and one set of series per process whichever copy asks.
const REGISTRY_KEY = Symbol.for("carely.metricsRegistry");

/** The process's registry, with Node's default process metrics (CPU, memory, event-loop lag, GC). */
export function metricsRegistry() {
  let registry = globalThis[REGISTRY_KEY];
  if (!registry) {
    registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    globalThis[REGISTRY_KEY] = registry;
  }
  return registry;
}

/** The named metric of the registry, made on first use (the same definition from whichever copy asks). */
export function sharedMetric(kind, configuration) {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(configuration.name);
  if (existing) return existing;
  const Kind = { counter: client.Counter, gauge: client.Gauge, histogram: client.Histogram }[kind];
  return new Kind({ ...configuration, registers: [registry] });
}

/**
 * How long requests take, from the first byte in to the last byte out for pages (the portal's server) and
 * from the call's start to its answer for actions and route handlers (src/server/http/edge-call.ts).
 * `route` is bounded: a page's path template (/moderation/[id]), an action's or a route's defined name.
 */
export function httpRequestDuration() {
  return sharedMetric("histogram", {
    name: "portal_http_request_duration_seconds",
    help: "Duration of HTTP requests: pages by path template, server actions and route handlers by name",
    labelNames: ["kind", "route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
  });
}
