import "server-only";
import type { PrizeKind } from "@/generated/prisma/enums";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { db } from "@/server/db/client";
import { type CodeCounts, NO_CODES, codeCountsByPrize } from "./code-counts";

export interface StaffPrizeRow {
  id: number;
  title: string;
  partnerName: string;
  kind: PrizeKind;
  pointsPrice: number;
  isActive: boolean;
  sortOrder: number;
  /** Physical: units in stock. Digital: codes not reserved by any order. */
  available: number;
  /** Digital prizes' codes by state (zeros for physical prizes). */
  codes: CodeCounts;
  /** Orders waiting for staff (new or approved, not shipped yet). */
  openOrders: number;
  coverImageId: string | null;
}

/** Every prize, active or not, in catalogue order, with what is left of it: the staff's prize list. */
export async function listPrizesForStaff(actor: StaffActor): Promise<StaffPrizeRow[]> {
  assertActorRole(actor, AREA_ROLES.staff);
  const [prizes, codeCounts, openOrders] = await Promise.all([
    db.prize.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        partnerName: true,
        kind: true,
        pointsPrice: true,
        stock: true,
        isActive: true,
        sortOrder: true,
        images: { where: { kind: "PRIZE_IMAGE" }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], take: 1, select: { id: true } },
      },
    }),
    codeCountsByPrize(db),
    db.prizeOrder.groupBy({ by: ["prizeId"], where: { status: { in: ["NEW", "APPROVED"] } }, _count: { _all: true } }),
  ]);
  const openByPrize = new Map(openOrders.map((row) => [row.prizeId, row._count._all]));
  return prizes.map(({ images, stock, ...prize }) => {
    const codes = prize.kind === "DIGITAL" ? (codeCounts.get(prize.id) ?? NO_CODES) : NO_CODES;
    return {
      ...prize,
      available: prize.kind === "DIGITAL" ? codes.available : stock,
      codes,
      openOrders: openByPrize.get(prize.id) ?? 0,
      coverImageId: images[0]?.id ?? null,
    };
  });
}
