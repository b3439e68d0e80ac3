import "server-only";
import pino from "pino";

/**
 * One JSON line per event on stdout, for whatever collects the container's output. Tests stay quiet unless
 * LOG_LEVEL asks otherwise; no transports (they run in worker threads that the Next bundle cannot load).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "portal" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
