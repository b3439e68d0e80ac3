// Demo data for local runs: a Carely-like brand, its products, prizes, and one account per role.
// The credentials are printed in README.md; change them before any real deployment.

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@carely.demo", password: "carely-admin-2026", name: "Анна Администратор", role: "ADMIN" },
  moderator: { email: "moderator@carely.demo", password: "carely-moderator-2026", name: "Михаил Модератор", role: "MODERATOR" },
  staff: { email: "staff@carely.demo", password: "carely-staff-2026", name: "Светлана из Carely", role: "STAFF" },
} as const;

/** The demo shopper signs in by phone; the code appears at /dev/outbox. */
export const DEMO_SHOPPER_PHONE = "+79000000001";

export const DEMO_PRODUCTS = [
  { sku: "CRL-FC-001", name: "Гель для умывания «Мягкое очищение»", category: "Очищение" },
  { sku: "CRL-FC-002", name: "Пенка для умывания с центеллой", category: "Очищение" },
  { sku: "CRL-TN-001", name: "Тонер увлажняющий с гиалуроновой кислотой", category: "Тонеры" },
  { sku: "CRL-SR-001", name: "Сыворотка с витамином C 15%", category: "Сыворотки" },
  { sku: "CRL-SR-002", name: "Сыворотка с ниацинамидом 10%", category: "Сыворотки" },
  { sku: "CRL-CR-001", name: "Крем для лица дневной SPF 30", category: "Кремы" },
  { sku: "CRL-CR-002", name: "Крем ночной восстанавливающий с пептидами", category: "Кремы" },
  { sku: "CRL-EY-001", name: "Крем для кожи вокруг глаз с кофеином", category: "Кремы" },
  { sku: "CRL-MS-001", name: "Маска тканевая успокаивающая", category: "Маски" },
  { sku: "CRL-BD-001", name: "Лосьон для тела с мочевиной 5%", category: "Тело" },
  { sku: "CRL-HD-001", name: "Крем для рук с маслом ши", category: "Тело" },
  { sku: "CRL-SN-001", name: "Солнцезащитный флюид SPF 50+", category: "Защита от солнца" },
] as const;

/**
 * How the demo products are written on receipts (the staff keep these at /staff/products): match terms and
 * GTINs (docs/rules/auto-moderation.md). tests/support/receipt-line-cases.ts is matched against them.
 */
export const DEMO_MATCH_TERMS: Record<(typeof DEMO_PRODUCTS)[number]["sku"], { terms: string[]; gtins: string[] }> = {
  "CRL-FC-001": { terms: ["Carely гель для умывания", "Carely гель мягкое очищение"], gtins: ["4607005120014"] },
  "CRL-FC-002": { terms: ["Carely пенка для умывания", "Carely пенка центелла"], gtins: ["4607005120021"] },
  "CRL-TN-001": { terms: ["Carely тонер увлажняющий", "Carely тонер гиалурон"], gtins: ["4607005120038"] },
  "CRL-SR-001": { terms: ["Carely сыворотка витамин C 15", "Carely сыв вит C 15"], gtins: ["4607005120045"] },
  "CRL-SR-002": { terms: ["Carely сыворотка ниацинамид 10", "Carely сыв ниацин"], gtins: ["4607005120052"] },
  "CRL-CR-001": { terms: ["Carely крем дневной SPF 30", "Carely крем для лица SPF 30"], gtins: ["4607005120069"] },
  "CRL-CR-002": { terms: ["Carely крем ночной", "Carely крем пептид"], gtins: ["4607005120076"] },
  "CRL-EY-001": { terms: ["Carely крем вокруг глаз", "Carely глаз кофеин"], gtins: ["4607005120083"] },
  "CRL-MS-001": { terms: ["Carely маска тканевая", "Carely маска успокаивающая"], gtins: ["4607005120090"] },
  "CRL-BD-001": { terms: ["Carely лосьон для тела", "Carely лосьон мочевина"], gtins: ["4607005120106"] },
  "CRL-HD-001": { terms: ["Carely крем для рук", "Carely крем масло ши"], gtins: ["4607005120113"] },
  "CRL-SN-001": { terms: ["Carely флюид SPF 50", "Carely солнцезащитный флюид"], gtins: ["4607005120120"] },
};

/** A product's bundled picture (public/products/), drawn for the demo; a real catalogue has photos. */
export function demoProductImage(sku: string): string {
  return `/products/${sku.toLowerCase()}.svg`;
}

const search = {
  ozon: (name: string) => `https://www.ozon.ru/search/?text=${encodeURIComponent(`Carely ${name}`)}`,
  wildberries: (name: string) => `https://www.wildberries.ru/catalog/0/search.aspx?search=${encodeURIComponent(`Carely ${name}`)}`,
  yandexMarket: (name: string) => `https://market.yandex.ru/search?text=${encodeURIComponent(`Carely ${name}`)}`,
  goldApple: (name: string) => `https://goldapple.ru/catalogsearch/result?q=${encodeURIComponent(`Carely ${name}`)}`,
  letual: (name: string) => `https://www.letu.ru/search?q=${encodeURIComponent(`Carely ${name}`)}`,
};

/** Where the demo products are sold (the landing page's "Где купить"): search pages, not invented product ids. */
export const DEMO_SHOP_LINKS: Record<string, { shopName: string; url: string }[]> = {
  "CRL-FC-001": [
    { shopName: "Ozon", url: search.ozon("гель для умывания") },
    { shopName: "Wildberries", url: search.wildberries("гель для умывания") },
    { shopName: "Золотое яблоко", url: search.goldApple("гель для умывания") },
  ],
  "CRL-TN-001": [
    { shopName: "Ozon", url: search.ozon("тонер") },
    { shopName: "Яндекс Маркет", url: search.yandexMarket("тонер") },
  ],
  "CRL-SR-001": [
    { shopName: "Ozon", url: search.ozon("сыворотка витамин C") },
    { shopName: "Wildberries", url: search.wildberries("сыворотка витамин C") },
    { shopName: "Яндекс Маркет", url: search.yandexMarket("сыворотка витамин C") },
    { shopName: "Летуаль", url: search.letual("сыворотка витамин C") },
  ],
  "CRL-SR-002": [
    { shopName: "Wildberries", url: search.wildberries("ниацинамид") },
    { shopName: "Золотое яблоко", url: search.goldApple("ниацинамид") },
  ],
  "CRL-CR-001": [
    { shopName: "Ozon", url: search.ozon("крем SPF 30") },
    { shopName: "Wildberries", url: search.wildberries("крем SPF 30") },
    { shopName: "Летуаль", url: search.letual("крем SPF 30") },
  ],
  "CRL-SN-001": [
    { shopName: "Ozon", url: search.ozon("флюид SPF 50") },
    { shopName: "Яндекс Маркет", url: search.yandexMarket("флюид SPF 50") },
  ],
};

// Pictures are bundled SVGs under public/prizes/; staff can upload real photos over them.
export const DEMO_PRIZES = [
  { title: "Косметичка Carely", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 500, stock: 120, description: "Стёганая косметичка пудрового цвета на молнии.", imageUrl: "/prizes/cosmetic-bag.svg" },
  { title: "Набор миниатюр «Уход за лицом»", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 1200, stock: 60, description: "Пять миниатюр бестселлеров: гель, тонер, сыворотка, крем, маска.", imageUrl: "/prizes/mini-set.svg" },
  { title: "Сыворотка с витамином C 15%, 30 мл", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 1500, stock: 40, description: "Полноразмерная сыворотка в подарок.", imageUrl: "/prizes/vitamin-c-serum.svg" },
  { title: "Шёлковая повязка для сна", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 900, stock: 8, description: "Натуральный шёлк, мягкая резинка.", imageUrl: "/prizes/silk-sleep-mask.svg" },
  { title: "Зеркало с подсветкой", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 2500, stock: 15, description: "Настольное зеркало с LED-подсветкой и зарядкой от USB-C.", imageUrl: "/prizes/led-mirror.svg" },
  { title: "Подписка на онлайн-кинотеатр, 1 месяц", partnerName: "Кинопоиск", kind: "DIGITAL", pointsPrice: 700, stock: 0, description: "Промокод на месяц подписки. Придёт на вашу почту после одобрения заказа.", imageUrl: "/prizes/cinema-subscription.svg" },
  { title: "Онлайн-курс «Основы ухода за кожей»", partnerName: "Skillbox", kind: "DIGITAL", pointsPrice: 1000, stock: 0, description: "Доступ к видеокурсу из 12 уроков от дерматолога.", imageUrl: "/prizes/skincare-course.svg" },
  { title: "Промокод −20% в магазине Carely", partnerName: "Carely", kind: "DIGITAL", pointsPrice: 300, stock: 0, description: "Скидка на любой заказ в официальном интернет-магазине.", imageUrl: "/prizes/promo-code.svg" },
  { title: "Сертификат в книжный магазин, 500 ₽", partnerName: "Литрес", kind: "DIGITAL", pointsPrice: 800, stock: 0, description: "Электронный сертификат на книги и аудиокниги.", imageUrl: "/prizes/book-certificate.svg" },
  { title: "Дорожный набор «Уход в поездке»", partnerName: "Carely", kind: "PHYSICAL", pointsPrice: 1800, stock: 0, description: "Сейчас закончился — скоро пополним.", imageUrl: "/prizes/travel-kit.svg" },
] as const;

/** Codes for the digital demo prizes (a real programme imports them from the partner's CSV). */
export function demoPrizeCodes(prizeTitle: string, count: number): string[] {
  const prefix = prizeTitle.replace(/[^A-Za-zА-Яа-я]/g, "").slice(0, 3).toUpperCase() || "CRL";
  return Array.from({ length: count }, (_, index) => `DEMO-${prefix}-${(index + 1).toString().padStart(4, "0")}`);
}

export const STANDARD_REJECTION_TEMPLATES = [
  { partKind: null, title: "Фото нечитаемо", text: "Фото нечитаемо: загрузите, пожалуйста, чёткий снимок без бликов, чтобы были видны все данные.", sortOrder: 1 },
  { partKind: "RECEIPT", title: "Чек не подтверждает покупку", text: "QR-код чека не подтверждает реальную покупку продукта Carely.", sortOrder: 2 },
  // The automatic rules' comments (src/lib/rules/automation-rules.ts); a moderator may use them too.
  { partKind: "RECEIPT", title: "Чек возврата или расхода", text: "Это чек возврата или расхода, а не покупки: баллы начисляются только за чек покупки.", sortOrder: 3, autoRule: "receipt.reject-operation" },
  { partKind: "RECEIPT", title: "Покупка вне сроков акции", text: "Покупка сделана вне сроков акции: баллы начисляются за чеки, пробитые во время акции.", sortOrder: 4, autoRule: "receipt.reject-outside-window" },
  { partKind: "RECEIPT", title: "Чек уже учтён", text: "Этот чек уже принёс баллы в другой заявке: один чек учитывается один раз.", sortOrder: 5, autoRule: "receipt.reject-credited" },
  { partKind: "RECEIPT", title: "В чеке нет продуктов Carely", text: "В чеке нет продуктов Carely: загрузите чек, где есть продукт из заявки.", sortOrder: 6, autoRule: "receipt.reject-no-brand-product" },
] as const;
