import "server-only";
import { type PreparedCatalogue, type ReceiptProductVerdict, findProductInReceipt, prepareCatalogue } from "@/lib/rules/receipt-line-match";
import { db } from "@/server/db/client";

/** A line of a receipt the online check confirmed, as the adapter stored it (ReceiptCheckResult.items). */
export interface ReceiptItem {
  name: string;
  quantity: number;
  sumKopecks: number;
  gtin?: string;
}

/** The stored check answer's lines, read defensively (it is JSON written by an adapter, maybe an older one). */
export function receiptItemsOf(checkResult: unknown): ReceiptItem[] {
  const items = typeof checkResult === "object" && checkResult !== null ? (checkResult as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((value) => {
    if (typeof value !== "object" || value === null) return [];
    const item = value as Record<string, unknown>;
    if (typeof item.name !== "string") return [];
    return [
      {
        name: item.name,
        quantity: typeof item.quantity === "number" ? item.quantity : 1,
        sumKopecks: typeof item.sumKopecks === "number" ? item.sumKopecks : 0,
        ...(typeof item.gtin === "string" && { gtin: item.gtin }),
      },
    ];
  });
}

export interface MatchCatalogue {
  prepared: PreparedCatalogue;
  productNames: Map<number, string>;
}

/** Every product's terms and GTINs (hidden products too: an older receipt may name one), prepared for matching. */
export async function loadMatchCatalogue(): Promise<MatchCatalogue> {
  const products = await db.product.findMany({ select: { id: true, name: true, matchTerms: true, gtins: true } });
  return {
    prepared: prepareCatalogue(products.map((product) => ({ productId: product.id, terms: product.matchTerms, gtins: product.gtins }))),
    productNames: new Map(products.map((product) => [product.id, product.name])),
  };
}

export interface ReceiptProductsView {
  verdict: ReceiptProductVerdict;
  certain: boolean;
  lines: (ReceiptItem & { productNames: string[]; selected: boolean })[];
}

/** The receipt's lines with the brand's products named, and what they say of the request's product; null without lines. */
export function receiptProductsView(checkResult: unknown, productId: number, catalogue: MatchCatalogue): ReceiptProductsView | null {
  const items = receiptItemsOf(checkResult);
  if (items.length === 0) return null;
  const finding = findProductInReceipt(items, productId, catalogue.prepared);
  return {
    verdict: finding.verdict,
    certain: finding.certain,
    lines: items.map((item, index) => {
      const productIds = finding.lines[index]?.productIds ?? [];
      return { ...item, productNames: productIds.map((id) => catalogue.productNames.get(id) ?? `продукт ${id}`), selected: productIds.includes(productId) };
    }),
  };
}
