import "server-only";
import { z } from "zod";
import { GTINS_MAX, MATCH_TERMS_MAX, checkProductMatchSpec } from "@/lib/rules/receipt-line-match";
import { writeAuditEntry } from "@/server/audit/write-audit-entry";
import { AREA_ROLES } from "@/server/auth/area-roles";
import { type StaffActor, assertActorRole } from "@/server/auth/assert-role";
import { now } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const setProductMatchTermsInput = z.object({
  productId: z.coerce.number({ error: "Продукт не найден." }).int("Продукт не найден.").positive("Продукт не найден."),
  // Bounded here so a forged call cannot send megabytes; the rows' own rules are checkProductMatchSpec's.
  matchTerms: z.array(z.string().max(200)).max(MATCH_TERMS_MAX * 2, `Не больше ${MATCH_TERMS_MAX} написаний у одного продукта.`),
  gtins: z.array(z.string().max(40)).max(GTINS_MAX * 2, `Не больше ${GTINS_MAX} кодов у одного продукта.`),
});

/**
 * Replaces how a product is recognised in receipts: its match terms and GTINs (docs/rules/auto-moderation.md).
 * The product row is locked so that two staff saving at once are serialised and the audit row's "before" is
 * what was there; a save that changes nothing writes nothing.
 */
export async function setProductMatchTerms(actor: StaffActor, input: z.infer<typeof setProductMatchTermsInput>): Promise<{ changed: boolean }> {
  assertActorRole(actor, AREA_ROLES.staff);
  const { matchTerms, gtins, fieldErrors } = checkProductMatchSpec(input);
  const firstError = Object.values(fieldErrors)[0];
  if (firstError) throw new AppError("VALIDATION", firstError, { fieldErrors });
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ match_terms: string[] | null; gtins: string[] | null }[]>`
      SELECT match_terms, gtins FROM products WHERE id = ${input.productId} FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "Продукт не найден.");
    const before = { matchTerms: current.match_terms ?? [], gtins: current.gtins ?? [] };
    if (JSON.stringify(before) === JSON.stringify({ matchTerms, gtins })) return { changed: false };
    await tx.product.update({ where: { id: input.productId }, data: { matchTerms, gtins } });
    await writeAuditEntry(tx, { actorId: actor.id, action: "product.match-terms", entityType: "Product", entityId: input.productId, data: { before, after: { matchTerms, gtins } }, at: now() });
    return { changed: true };
  });
}
