import { beforeEach, describe, expect, it } from "vitest";
import { createProduct, createStaff } from "../../../../tests/support/factories";
import { actorOf, createModerator, wrongRole } from "../../../../tests/support/requests";
import { rejectionOf } from "../../../../tests/support/rejection";
import type { StaffActor } from "@/server/auth/assert-role";
import { setClock } from "@/server/clock";
import { db } from "@/server/db/client";
import { getLandingPage } from "@/server/domain/landing/get-landing-page";
import { AppError } from "@/server/errors";
import { listProductsForStaff } from "./list-products-for-staff";
import { setProductShopLinks, setProductShopLinksInput } from "./set-product-shop-links";

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

let staff: StaffActor;
beforeEach(async () => {
  setClock(new Date("2026-03-02T09:00:00Z"));
  staff = actorOf(await createStaff("STAFF"));
});

const OZON = { shopName: "Ozon", url: "https://www.ozon.ru/product/carely-gel-123/" };
const WB = { shopName: "Wildberries", url: "https://www.wildberries.ru/catalog/123/detail.aspx" };

describe("the shops selling a product", () => {
  it("replaces the list in the order given, audits it, and shows the product on the landing page", async () => {
    const product = await createProduct({ name: "Гель для умывания" });
    const hidden = await createProduct();
    await db.product.update({ where: { id: hidden.id }, data: { isActive: false } });
    await setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: hidden.id, links: [OZON] }));

    expect((await getLandingPage()).products).toEqual([]);
    const saved = await setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: [{ shopName: "  Ozon ", url: ` ${OZON.url}` }, { shopName: "", url: "" }, WB] }));
    expect(saved).toEqual({ changed: true, count: 2 });

    const landing = await getLandingPage();
    // Only active products with links: the hidden one is not offered to visitors.
    expect(landing.products.map((shown) => ({ id: shown.id, links: shown.shopLinks }))).toEqual([{ id: product.id, links: [OZON, WB] }]);
    expect(landing.rules.reviewPoints).toBe(500);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "product.shop-links", entityId: String(product.id) } });
    expect(audit).toMatchObject({ actorId: staff.id, entityType: "Product", data: { before: { links: [] }, after: { links: [OZON, WB] } } });

    // The same list again changes and audits nothing; a new order is a change.
    expect(await setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: [OZON, WB] }))).toEqual({ changed: false, count: 2 });
    await setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: [WB, OZON] }));
    expect((await listProductsForStaff(staff)).find((listed) => listed.id === product.id)?.shopLinks).toEqual([WB, OZON]);
    expect(await db.auditLog.count({ where: { action: "product.shop-links", entityId: String(product.id) } })).toBe(2);

    // An empty list takes the product off "Где купить".
    await setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: [] }));
    expect((await getLandingPage()).products).toEqual([]);
  });

  it("refuses a row without a shop or with a link that is not a public web address, naming the field", async () => {
    const product = await createProduct();
    const refused = await failure(
      setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: [OZON, { shopName: "", url: "https://goldapple.ru/x" }, { shopName: "Сайт", url: "javascript:alert(1)" }, { shopName: "Ещё", url: "https://user:pw@shop.ru/" }] })),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors).toEqual({
      "links.1.shopName": "Укажите магазин, например Ozon или «Золотое яблоко».",
      "links.2.url": "Ссылка должна начинаться с https://.",
      "links.3.url": "Это не адрес страницы магазина: проверьте ссылку.",
    });
    expect(await db.productShopLink.count({ where: { productId: product.id } })).toBe(0);

    const tooMany = Array.from({ length: 9 }, (_, index) => ({ shopName: `Магазин ${index}`, url: `https://shop${index}.ru/carely` }));
    expect((await failure(setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: product.id, links: tooMany })))).message).toBe("Не больше 8 магазинов у одного продукта.");
    expect((await failure(setProductShopLinks(staff, setProductShopLinksInput.parse({ productId: 999_999, links: [OZON] })))).code).toBe("NOT_FOUND");
  });

  it("is brand staff's and administrators' only", async () => {
    const product = await createProduct();
    const admin = actorOf(await createStaff("ADMIN"));
    await setProductShopLinks(admin, setProductShopLinksInput.parse({ productId: product.id, links: [OZON] }));
    const moderator = await createModerator();
    expect((await failure(setProductShopLinks(wrongRole(moderator), setProductShopLinksInput.parse({ productId: product.id, links: [] })))).code).toBe("FORBIDDEN");
    expect((await failure(listProductsForStaff(wrongRole(moderator)))).code).toBe("FORBIDDEN");
    expect(await db.productShopLink.count({ where: { productId: product.id } })).toBe(1);
  });
});
