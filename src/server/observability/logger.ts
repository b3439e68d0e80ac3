import "server-only";
import { portalLogger, requestContext } from "./log-core.mjs";

export { currentRequestId, maskPersonalData } from "./log-core.mjs";

/**
 * One JSON line per event on stdout, for whatever collects the container's output; pretty in development.
 * Every line carries the request id of the call in progress (withRequestId) and has emails and phone
 * numbers masked (log-core.mjs). Level: LOG_LEVEL (env.ts lists it); tests stay quiet unless it asks.
 */
export const logger = portalLogger();

/** Runs `call` with `requestId` on every log line inside it (nothing changes when it is null). */
export function withRequestId<T>(requestId: string | null | undefined, call: () => T): T {
  if (!requestId || requestContext.getStore()?.requestId === requestId) return call();
  return requestContext.run({ requestId }, call);
}
