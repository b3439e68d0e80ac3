import "server-only";
import { db } from "@/server/db/client";
import { getProgrammeSettings } from "@/server/settings/programme-settings";

/**
 * What the public landing page shows: the programme's current rules (read from the settings on every
 * request, so an administrator's change shows at once) and "Где купить", the active products that staff gave
 * at least one shop link. Public: nothing here is personal.
 */
export async function getLandingPage() {
  const [settings, products] = await Promise.all([
    getProgrammeSettings(),
    db.product.findMany({
      where: { isActive: true, shopLinks: { some: {} } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        category: true,
        imageUrl: true,
        shopLinks: { orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { shopName: true, url: true } },
      },
    }),
  ]);
  return {
    rules: {
      reviewPoints: settings.reviewPoints,
      receiptPoints: settings.receiptPoints,
      moderationBusinessDays: settings.moderationBusinessDays,
      shippingDays: settings.shippingDays,
      forfeitureMonths: settings.forfeitureMonths,
      maxScreenshots: settings.maxScreenshots,
      campaignStartsAt: settings.campaignStartsAt,
      campaignEndsAt: settings.campaignEndsAt,
    },
    products,
  };
}

export type LandingPage = Awaited<ReturnType<typeof getLandingPage>>;
