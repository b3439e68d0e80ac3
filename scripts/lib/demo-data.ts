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
] as const;
