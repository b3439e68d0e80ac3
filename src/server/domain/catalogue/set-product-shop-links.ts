import "server-only";
import { z } from "zod";
import { SHOP_LINK_LIMITS, checkShopLinks } from "@/lib/rules/product-shop-links";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const setProductShopLinksInput = z.object({
  productId: z.coerce.number({ error: "Продукт не найден." }).int("Продукт не найден.").positive("Продукт не найден."),
  // Bounded here so a forged call cannot send megabytes; the rows' own rules are checkShopLinks's.
  links: z
    .array(z.object({ shopName: z.string().max(200), url: z.string().max(2000) }))
    .max(SHOP_LINK_LIMITS.maxLinks * 2, `Не больше ${SHOP_LINK_LIMITS.maxLinks} магазинов у одного продукта.`),
});

/**
 * Replaces the list of shops selling a product (the landing page's "Где купить"), in the order given.
 * The product row is locked so two staff saving at once are serialised and each audit row's "before" is
 * what was really there; a save that changes nothing writes nothing.
 */
export async function setProductShopLinks(actor: StaffActor, input: z.infer<typeof setProductShopLinksInput>): Promise<{ changed: boolean; count: number }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const { links, fieldErrors } = checkShopLinks(input.links);
  const firstError = Object.values(fieldErrors)[0];
  if (firstError) throw new AppError("VALIDATION", firstError, { fieldErrors });
  const at = now();
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM products WHERE id = ${input.productId} FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "Продукт не найден.");
    const current = await tx.productShopLink.findMany({ where: { productId: input.productId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { shopName: true, url: true } });
    const same = current.length === links.length && current.every((link, index) => link.shopName === links[index]!.shopName && link.url === links[index]!.url);
    if (same) return { changed: false, count: links.length };

    await tx.productShopLink.deleteMany({ where: { productId: input.productId } });
    await tx.productShopLink.createMany({ data: links.map((link, index) => ({ productId: input.productId, ...link, sortOrder: index })) });
    await writeAuditEntry(tx, { actorId: actor.id, action: "product.shop-links", entityType: "Product", entityId: input.productId, data: { before: { links: current }, after: { links: links.map((link) => ({ ...link })) } }, at });
    return { changed: true, count: links.length };
  });
}
