export const REQUEST_ID_HEADER: "x-request-id";
export const INTERNAL_REQUEST_ID_HEADER: "x-portal-request-id";
export function requestIdFor(sent: string | string[] | undefined | null, trustedHops: number): string;
export function trustedHopsFromEnv(env?: Record<string, string | undefined>): number;
