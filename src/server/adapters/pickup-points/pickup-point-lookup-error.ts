import "server-only";

/**
 * A carrier's directory API failed: refused the credentials, answered with an error, did not answer in time
 * or answered something unreadable. The message is for the log; the domain shows the shopper its own.
 */
export type PickupPointLookupFailure = "UNAUTHORIZED" | "UNAVAILABLE" | "TIMEOUT" | "BAD_RESPONSE";

export class PickupPointLookupError extends Error {
  constructor(
    readonly service: "CDEK" | "Russian Post",
    readonly failure: PickupPointLookupFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
    this.name = "PickupPointLookupError";
  }
}

export function isPickupPointLookupError(error: unknown): error is PickupPointLookupError {
  return error instanceof PickupPointLookupError;
}

/** What a request to a carrier's API came back with: the status and the body as text. */
export interface ApiAnswer {
  status: number;
  body: string;
}

/**
 * One HTTP request to a carrier's API with a deadline covering the body too. Network failures and timeouts
 * become PickupPointLookupErrors; any HTTP status is returned for the caller to judge.
 */
export async function requestCarrierApi(
  service: PickupPointLookupError["service"],
  url: URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<ApiAnswer> {
  const what = `${init.method ?? "GET"} ${url.pathname}`;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new PickupPointLookupError(service, "TIMEOUT", `no answer to ${what} within ${Math.ceil(timeoutMs / 1000)} s`, { cause: error });
    }
    throw new PickupPointLookupError(service, "UNAVAILABLE", `could not reach ${url.origin} for ${what}`, { cause: error });
  }
}

/** The body as JSON, or a BAD_RESPONSE error naming the request. */
export function parseJsonAnswer(service: PickupPointLookupError["service"], what: string, answer: ApiAnswer): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch (error) {
    throw new PickupPointLookupError(service, "BAD_RESPONSE", `${what} answered HTTP ${answer.status} with a body that is not JSON: ${excerpt(answer.body)}`, {
      cause: error,
    });
  }
}

export function excerpt(text: string, length = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
