import type { AsyncLocalStorage } from "node:async_hooks";
import type { DestinationStream, Logger } from "pino";

export interface RequestContext {
  requestId: string;
}
export const requestContext: AsyncLocalStorage<RequestContext>;
export function currentRequestId(): string | undefined;
export function maskPersonalData(text: string): string;
export const REDACTED_KEYS: readonly string[];
export function createPortalLogger(options?: {
  level?: string;
  pretty?: boolean;
  base?: Record<string, unknown>;
  destination?: DestinationStream;
}): Logger;
export function defaultLogLevel(env?: Record<string, string | undefined>): string;
export function portalLogger(): Logger;
