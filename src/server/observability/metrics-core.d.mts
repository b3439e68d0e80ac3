import type { Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry } from "prom-client";

export function metricsRegistry(): Registry;
export function sharedMetric<T extends string>(kind: "counter", configuration: CounterConfiguration<T>): Counter<T>;
export function sharedMetric<T extends string>(kind: "gauge", configuration: GaugeConfiguration<T>): Gauge<T>;
export function sharedMetric<T extends string>(kind: "histogram", configuration: HistogramConfiguration<T>): Histogram<T>;
export function httpRequestDuration(): Histogram<"kind" | "route" | "method" | "status">;
