import "server-only";
import { sharedMetric } from "./metrics-core.mjs";

export { httpRequestDuration } from "./metrics-core.mjs";

// Series kept by this process, recorded as things happen (the database-backed ones: render-metrics.ts).
// Each is made on first use in the shared registry (metrics-core.mjs), whichever bundle asks first.

export const qrDecodeDuration = () =>
  sharedMetric("histogram", {
    name: "portal_qr_decode_duration_seconds",
    help: "Receipt QR decoding, by outcome: fiscal (a receipt's code read), other_code (only non-fiscal codes), none, timed_out, unreadable (not an image), error",
    labelNames: ["outcome"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 15],
  });

export const smsSent = () =>
  sharedMetric("counter", {
    name: "portal_sms_sent_total",
    help: "SMS handed to the gateway (sign-in codes), by provider and outcome (sent, failed)",
    labelNames: ["provider", "outcome"],
  });
