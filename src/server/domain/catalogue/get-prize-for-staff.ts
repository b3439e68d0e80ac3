import "server-only";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { NO_CODES, codeCountsByPrize } from "./code-counts";

/** Codes listed on the prize page (newest first): hints only, never the codes. */
const RECENT_CODES = 30;

/**
 * One prize for its edit page: the fields, pictures, orders so far, and for a digital prize the code pool
 * as counts, import batches and the latest codes by their hints (the full codes are never read here).
 */
export async function getPrizeForStaff(actor: StaffActor, id: number) {
  assertActorRole(actor, AREA_ROLES.staff);
  const prize = await db.prize.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      partnerName: true,
      kind: true,
      pointsPrice: true,
      stock: true,
      isActive: true,
      sortOrder: true,
      imageUrl: true,
      createdAt: true,
      updatedAt: true,
      images: { where: { kind: "PRIZE_IMAGE" }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, width: true, height: true } },
      _count: { select: { orders: true, codes: true } },
    },
  });
  if (!prize) throw new AppError("NOT_FOUND", "Приз не найден.");

  const [codeCounts, batches, recentCodes] =
    prize.kind === "DIGITAL"
      ? await Promise.all([
          codeCountsByPrize(db, [id]),
          db.prizeCode.groupBy({ by: ["importBatch"], where: { prizeId: id }, _count: { _all: true }, _min: { createdAt: true }, orderBy: { _min: { createdAt: "desc" } } }),
          db.prizeCode.findMany({
            where: { prizeId: id },
            orderBy: { id: "desc" },
            take: RECENT_CODES,
            select: { id: true, codeHint: true, importBatch: true, orderId: true, issuedAt: true, createdAt: true },
          }),
        ])
      : [new Map(), [], []];

  const { _count, ...fields } = prize;
  return {
    ...fields,
    orderCount: _count.orders,
    codeCount: _count.codes,
    // The kind means something else for orders and codes already there.
    kindLocked: _count.orders > 0 || _count.codes > 0,
    codes: codeCounts.get(id) ?? NO_CODES,
    batches: batches.map((batch) => ({ batch: batch.importBatch, count: batch._count._all, importedAt: batch._min.createdAt })),
    recentCodes,
  };
}
