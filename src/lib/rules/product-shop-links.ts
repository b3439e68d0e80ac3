// Where a product is sold (the landing page's "Где купить"): the limits and the one check of a row, shared by
// the staff's form (src/app/staff/products) and the verb (src/server/domain/catalogue/set-product-shop-links.ts).

export const SHOP_LINK_LIMITS = {
  /** Links per product: the landing page's card has room for this many buttons. */
  maxLinks: 8,
  shopNameMaxLength: 40,
  urlMaxLength: 500,
} as const;

export interface ShopLinkRow {
  shopName: string;
  url: string;
}

export type ShopLinkField = `links.${number}.shopName` | `links.${number}.url`;

/**
 * The rows as staff typed them, trimmed; rows left wholly empty are dropped (the form always offers one
 * more). A link must be a public http(s) address: it is shown to every visitor as a button.
 */
export function checkShopLinks(rows: readonly ShopLinkRow[]): { links: ShopLinkRow[]; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const links: ShopLinkRow[] = [];
  rows.forEach((row, index) => {
    const shopName = row.shopName.trim();
    const url = row.url.trim();
    if (!shopName && !url) return;
    if (!shopName) fieldErrors[`links.${index}.shopName`] = "Укажите магазин, например Ozon или «Золотое яблоко».";
    else if (shopName.length > SHOP_LINK_LIMITS.shopNameMaxLength) fieldErrors[`links.${index}.shopName`] = `Название магазина — не длиннее ${SHOP_LINK_LIMITS.shopNameMaxLength} символов.`;
    const urlProblem = shopUrlProblem(url);
    if (urlProblem) fieldErrors[`links.${index}.url`] = urlProblem;
    links.push({ shopName, url });
  });
  if (links.length > SHOP_LINK_LIMITS.maxLinks) fieldErrors.form = `Не больше ${SHOP_LINK_LIMITS.maxLinks} магазинов у одного продукта.`;
  return { links, fieldErrors };
}

function shopUrlProblem(url: string): string | null {
  if (!url) return "Вставьте ссылку на страницу продукта в магазине.";
  if (url.length > SHOP_LINK_LIMITS.urlMaxLength) return `Ссылка — не длиннее ${SHOP_LINK_LIMITS.urlMaxLength} символов.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Это не ссылка: скопируйте адрес страницы целиком, начиная с https://.";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Ссылка должна начинаться с https://.";
  if (parsed.username || parsed.password || !parsed.hostname.includes(".") || /\s/.test(url)) return "Это не адрес страницы магазина: проверьте ссылку.";
  return null;
}
