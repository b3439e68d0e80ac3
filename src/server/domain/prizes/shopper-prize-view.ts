import "server-only";
import type { PrizeKind } from "@/generated/prisma/enums";
import type { Prisma } from "@/server/db/client";

/**
 * What the shopper's catalogue and prize page read of a prize. A digital prize's stock is its codes not
 * yet reserved by an order (the `stock` column is for physical units only), so both are counted here.
 */
export const shopperPrizeSelect = {
  id: true,
  title: true,
  description: true,
  partnerName: true,
  kind: true,
  pointsPrice: true,
  stock: true,
  imageUrl: true,
  images: { where: { kind: "PRIZE_IMAGE" }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } },
  _count: { select: { codes: { where: { orderId: null } } } },
} satisfies Prisma.PrizeSelect;

type SelectedPrize = Prisma.PrizeGetPayload<{ select: typeof shopperPrizeSelect }>;

export interface PrizePicture {
  /** A stored picture (served by /api/images/<id>) or a bundled one under public/. */
  imageId: string | null;
  src: string | null;
}

export interface ShopperPrize {
  id: number;
  title: string;
  description: string | null;
  partnerName: string;
  kind: PrizeKind;
  pointsPrice: number;
  /** Units (physical) or unreserved codes (digital) left. */
  available: number;
  inStock: boolean;
  affordable: boolean;
  /** Points still to earn before the shopper can order it; 0 when affordable. */
  missingPoints: number;
  pictures: PrizePicture[];
}

export function toShopperPrize(prize: SelectedPrize, balance: number): ShopperPrize {
  const available = prize.kind === "DIGITAL" ? prize._count.codes : prize.stock;
  const missingPoints = Math.max(0, prize.pointsPrice - balance);
  const pictures: PrizePicture[] = prize.images.map((image) => ({ imageId: image.id, src: null }));
  // Uploaded pictures come first; the bundled demo picture is the fallback.
  if (prize.imageUrl) pictures.push({ imageId: null, src: prize.imageUrl });
  return {
    id: prize.id,
    title: prize.title,
    description: prize.description,
    partnerName: prize.partnerName,
    kind: prize.kind,
    pointsPrice: prize.pointsPrice,
    available,
    inStock: available > 0,
    affordable: missingPoints === 0,
    missingPoints,
    pictures,
  };
}
