import "server-only";
import type { Carrier } from "@/generated/prisma/enums";
import { isPickupPointLookupError } from "@/server/adapters/pickup-points";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";

const CARRIER_NAMES: Record<Carrier, string> = { CDEK: "СДЭК", RUSSIAN_POST: "Почты России" };

/**
 * A carrier's directory API failed: logged in full for the operator, shown to the shopper as a plain
 * "try again" (503). Anything else is not the carrier's fault and is rethrown as it is.
 */
export function directoryUnavailable(carrier: Carrier, error: unknown): AppError {
  if (!isPickupPointLookupError(error)) throw error;
  logger.warn({ event: "pickup-points.unavailable", carrier, failure: error.failure, err: error.cause }, `pickup-points: ${error.failure}: ${error.message}`);
  return new AppError(
    "UNAVAILABLE",
    `Справочник пунктов выдачи ${CARRIER_NAMES[carrier]} сейчас не отвечает. Попробуйте ещё раз через минуту.`,
    { cause: error },
  );
}
