import "server-only";
import type { Carrier, PickupPointSource } from "@/generated/prisma/enums";
import { env } from "@/server/config/env";
import { BundledPickupPointDirectory } from "./bundled-directory";
import { CdekPickupPointDirectory } from "./cdek-directory";
import type { PickupPointDirectory } from "./pickup-point-directory";
import { RussianPostDirectory } from "./russian-post-directory";

export type { PickupPointDirectory, PickupPointRecord, PickupPointSearch } from "./pickup-point-directory";
export { PickupPointLookupError, isPickupPointLookupError } from "./pickup-point-lookup-error";

const bundled = new BundledPickupPointDirectory();
/** One live adapter per carrier and configuration, so its token and caches outlive a request. */
const live = new Map<Carrier, { key: string; directory: PickupPointDirectory }>();

function memo(carrier: Carrier, key: string, create: () => PickupPointDirectory): PickupPointDirectory {
  const current = live.get(carrier);
  if (current?.key === key) return current.directory;
  const directory = create();
  live.set(carrier, { key, directory });
  return directory;
}

/**
 * Where the carrier's pickup points come from: the CDEK API v2 when CDEK_CLIENT_ID and CDEK_CLIENT_SECRET are
 * set, Russian Post's office lookup when RUSSIAN_POST_ACCESS_TOKEN and RUSSIAN_POST_LOGIN_KEY are set, else
 * the bundled directory. Each carrier switches on by its own credentials.
 */
export function pickupPointDirectory(carrier: Carrier): PickupPointDirectory {
  const config = env();
  if (carrier === "CDEK" && config.CDEK_CLIENT_ID && config.CDEK_CLIENT_SECRET) {
    const { CDEK_CLIENT_ID: clientId, CDEK_CLIENT_SECRET: clientSecret, CDEK_BASE_URL: baseUrl } = config;
    return memo(carrier, `${baseUrl}|${clientId}|${clientSecret}`, () => new CdekPickupPointDirectory({ clientId, clientSecret, baseUrl }));
  }
  if (carrier === "RUSSIAN_POST" && config.RUSSIAN_POST_ACCESS_TOKEN && config.RUSSIAN_POST_LOGIN_KEY) {
    const { RUSSIAN_POST_ACCESS_TOKEN: accessToken, RUSSIAN_POST_LOGIN_KEY: loginKey, RUSSIAN_POST_BASE_URL: baseUrl } = config;
    return memo(carrier, `${baseUrl}|${accessToken}|${loginKey}`, () => new RussianPostDirectory({ accessToken, loginKey, baseUrl }));
  }
  return bundled;
}

/** How a point found through this directory is marked in pickup_points.source. */
export function pickupPointSource(directory: PickupPointDirectory): PickupPointSource {
  if (directory instanceof CdekPickupPointDirectory) return "CDEK_API";
  if (directory instanceof RussianPostDirectory) return "RUSSIAN_POST_API";
  return "BUNDLED";
}
