import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, wrongRole } from "../../../../tests/support/requests";
import { rejectionOf } from "../../../../tests/support/rejection";
import type { StaffActor } from "@/server/auth/assert-role";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { loadMatchCatalogue, receiptProductsView } from "@/server/receipts/receipt-products";
import { listProductsForStaff } from "./list-products-for-staff";
import { setProductMatchTerms, setProductMatchTermsInput } from "./set-product-match-terms";

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);
const save = (actor: StaffActor, productId: number, matchTerms: string[], gtins: string[] = []) => setProductMatchTerms(actor, setProductMatchTermsInput.parse({ productId, matchTerms, gtins }));

let staff: StaffActor;
beforeEach(async () => {
  setClock(new Date("2026-03-02T09:00:00Z"));
  staff = actorOf(await createStaff("STAFF"));
});

describe("how receipts write a product", () => {
  it("keeps the terms and codes trimmed and without repeats, audits a change, and names the product in a receipt's lines", async () => {
    const serum = await createProduct({ name: "Сыворотка с ниацинамидом" });
    const cream = await createProduct({ name: "Крем для рук" });
    expect(await save(staff, serum.id, ["  CARELY   СЫВ.НИАЦИН ", "", "CARELY СЫВ.НИАЦИН"], [" 4607005120052 "])).toEqual({ changed: true });
    await save(staff, cream.id, ["Carely крем для рук"]);

    const listed = (await listProductsForStaff(staff)).find((product) => product.id === serum.id);
    expect(listed).toMatchObject({ matchTerms: ["CARELY СЫВ.НИАЦИН"], gtins: ["4607005120052"] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "product.match-terms", entityId: String(serum.id) } });
    expect(audit).toMatchObject({ actorId: staff.id, entityType: "Product", data: { before: { matchTerms: [], gtins: [] }, after: { matchTerms: ["CARELY СЫВ.НИАЦИН"], gtins: ["4607005120052"] } } });
    // The same again writes nothing.
    expect(await save(staff, serum.id, ["CARELY СЫВ.НИАЦИН"], ["4607005120052"])).toEqual({ changed: false });
    expect(await db.auditLog.count({ where: { action: "product.match-terms", entityId: String(serum.id) } })).toBe(1);

    // A confirmed receipt's lines as the adapter stores them: the brand's named, the verdict for the request's product.
    const checkResult = {
      status: "CONFIRMED",
      items: [
        { name: "ПАКЕТ-МАЙКА", quantity: 1, priceKopecks: 500, sumKopecks: 500 },
        { name: "CARELY КРЕМ Д/РУК 75МЛ", quantity: 2, priceKopecks: 30000, sumKopecks: 60000 },
        { name: "Пробник", quantity: 1, priceKopecks: 0, sumKopecks: 0, gtin: "04607005120052" },
      ],
    };
    const catalogue = await loadMatchCatalogue();
    expect(receiptProductsView(checkResult, serum.id, catalogue)).toEqual({
      verdict: "SELECTED_PRODUCT",
      certain: true,
      lines: [
        { name: "ПАКЕТ-МАЙКА", quantity: 1, sumKopecks: 500, productNames: [], selected: false },
        { name: "CARELY КРЕМ Д/РУК 75МЛ", quantity: 2, sumKopecks: 60000, productNames: ["Крем для рук"], selected: false },
        { name: "Пробник", quantity: 1, sumKopecks: 0, gtin: "04607005120052", productNames: ["Сыворотка с ниацинамидом"], selected: true },
      ],
    });
    expect(receiptProductsView({ items: [checkResult.items[1]] }, serum.id, catalogue)?.verdict).toBe("OTHER_BRAND_PRODUCT");
    expect(receiptProductsView({ items: [checkResult.items[0]] }, serum.id, catalogue)?.verdict).toBe("NO_BRAND_PRODUCT");
    expect(receiptProductsView({ status: "CONFIRMED" }, serum.id, catalogue)).toBeNull();
  });

  it("refuses a one-word term and a wrong GTIN, naming the field, and keeps what was there", async () => {
    const product = await createProduct();
    await save(staff, product.id, ["Carely тонер"]);
    const oneWord = await failure(save(staff, product.id, ["Carely тонер", "CARELY"]));
    expect(oneWord).toMatchObject({ code: "VALIDATION", fieldErrors: { matchTerms: "«CARELY»: Нужно хотя бы два слова: бренд и название, например «CARELY СЫВ.НИАЦИН»." } });
    const badCode = await failure(save(staff, product.id, ["Carely тонер"], ["4607005120053"]));
    expect(badCode.fieldErrors).toEqual({ gtins: "4607005120053: Неверная контрольная цифра GTIN." });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).matchTerms).toEqual(["Carely тонер"]);
    expect((await failure(save(staff, 999_999, ["Carely тонер"]))).code).toBe("NOT_FOUND");
  });

  it("is brand staff's and administrators' only", async () => {
    const product = await createProduct();
    await save(actorOf(await createStaff("ADMIN")), product.id, ["Carely маска тканевая"]);
    const moderator = await createModerator();
    expect((await failure(setProductMatchTerms(wrongRole(moderator), setProductMatchTermsInput.parse({ productId: product.id, matchTerms: [], gtins: [] })))).code).toBe("FORBIDDEN");
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).matchTerms).toEqual(["Carely маска тканевая"]);
  });
});
