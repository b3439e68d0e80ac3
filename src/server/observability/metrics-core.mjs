// @ts-check
// The metrics registry, in plain JavaScript: shared by the portal's own HTTP server (scripts/portal-server.mjs,
// which times page requests; so not `server-only`) and the Next bundles (src/server/observability/metrics.ts). Types for importers:
// metrics-core.d.mts; this file is checked by tsc through its JSDoc.
import client from "prom-client";

// On globalThis: the custom server and each Next bundle may load their own copy of this module (and of
// prom-client); one registry and one set of series per process whichever copy asks.
const REGISTRY_KEY = Symbol.for("carely.metricsRegistry");
const processWide = /** @type {{ [REGISTRY_KEY]?: import("prom-client").Registry }} */ (globalThis);

/**
 * The process's registry, with Node's default process metrics (CPU, memory, event-loop lag, GC).
 * @returns {import("prom-client").Registry}
 */
export function metricsRegistry() {
  let registry = processWide[REGISTRY_KEY];
  if (!registry) {
    registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    processWide[REGISTRY_KEY] = registry;
  }
  return registry;
}

/**
 * @template {string} T
 * @overload
 * @param {"counter"} kind
 * @param {import("prom-client").CounterConfiguration<T>} configuration
 * @returns {import("prom-client").Counter<T>}
 */
/**
 * @template {string} T
 * @overload
 * @param {"gauge"} kind
 * @param {import("prom-client").GaugeConfiguration<T>} configuration
 * @returns {import("prom-client").Gauge<T>}
 */
/**
 * @template {string} T
 * @overload
 * @param {"histogram"} kind
 * @param {import("prom-client").HistogramConfiguration<T>} configuration
 * @returns {import("prom-client").Histogram<T>}
 */
/**
 * The named metric of the registry, made on first use (the same definition from whichever copy asks).
 * @param {"counter" | "gauge" | "histogram"} kind
 * @param {import("prom-client").MetricConfiguration<string>} configuration
 * @returns {import("prom-client").Metric<string>}
 */
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
 * @returns {import("prom-client").Histogram<"kind" | "route" | "method" | "status">}
 */
export function httpRequestDuration() {
  return sharedMetric("histogram", {
    name: "portal_http_request_duration_seconds",
    help: "Duration of HTTP requests: pages by path template, server actions and route handlers by name",
    labelNames: ["kind", "route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
  });
}
