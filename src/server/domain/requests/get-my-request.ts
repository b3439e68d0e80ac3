import "server-only";
import type { Actor } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { currentAttemptOf } from "./current-attempt";

/** One of the shopper's own requests with its parts, current images, decoded receipt and decisions. */
export async function getMyRequest(actor: Actor, requestId: number) {
  const request = await db.reviewRequest.findFirst({
    where: { id: requestId, customerId: actor.id },
    select: {
      id: true,
      status: true,
      filedAt: true,
      dueAt: true,
      decidedAt: true,
      reviewUrl: true,
      platform: true,
      product: { select: { name: true } },
      parts: {
        orderBy: { kind: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          attempt: true,
          points: true,
          comment: true,
          decidedByRule: true,
          decidedAt: true,
          submittedAt: true,
          images: { orderBy: [{ attempt: "desc" }, { position: "asc" }], select: { id: true, attempt: true, width: true, height: true } },
          receipts: {
            orderBy: { attempt: "desc" },
            take: 1,
            select: { attempt: true, purchasedAt: true, totalKopecks: true, problem: true, checkStatus: true, qrText: true },
          },
          history: { orderBy: { decidedAt: "asc" }, select: { attempt: true, status: true, comment: true, decidedAt: true } },
        },
      },
    },
  });
  if (!request) throw new AppError("NOT_FOUND", "Заявка не найдена.");
  return {
    ...request,
    parts: request.parts.map(currentAttemptOf),
  };
}
