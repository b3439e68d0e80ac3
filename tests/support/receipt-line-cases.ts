// The line-item matching test set (docs/rules/auto-moderation.md): receipt lines as shops print them, with the
// demo product each one is (its SKU) or null when it is not the brand's. Matched against the demo catalogue's
// terms and GTINs (scripts/lib/demo-data.ts DEMO_MATCH_TERMS) by src/lib/rules/receipt-line-match.test.ts and
// used by the automation benchmark. The goal: precision 100 %, recall at least 95 % on the brand's own lines.

export interface ReceiptLineCase {
  name: string;
  gtin?: string;
  /** The demo product's SKU, or null: not the brand's. */
  expected: string | null;
  /** Why the line is here, when it is a trap. */
  note?: string;
}

export const RECEIPT_LINE_CASES: ReceiptLineCase[] = [
  // Гель для умывания «Мягкое очищение»
  { name: "CARELY ГЕЛЬ Д/УМЫВ.МЯГКОЕ ОЧИЩ. 200МЛ", expected: "CRL-FC-001" },
  { name: "Carely Гель для умывания «Мягкое очищение» 200 мл", expected: "CRL-FC-001" },
  { name: "1. CARELY ГЕЛЬ Д/УМЫВАНИЯ 200 МЛ", expected: "CRL-FC-001" },
  { name: "Гель д/умыв CARELY мягк.очищ.", expected: "CRL-FC-001" },
  // Пенка для умывания с центеллой
  { name: "CARELY ПЕНКА Д/УМЫВ. С ЦЕНТЕЛЛОЙ 150МЛ", expected: "CRL-FC-002" },
  { name: "Carely пенка для умывания с центеллой, 150 мл", expected: "CRL-FC-002" },
  { name: "ПЕНКА CARELY ЦЕНТЕЛ. 150", expected: "CRL-FC-002" },
  { name: "[М] CARELY ПЕНКА УМЫВ.ЦЕНТЕЛЛА", expected: "CRL-FC-002" },
  // Тонер увлажняющий с гиалуроновой кислотой
  { name: "CARELY ТОНЕР УВЛАЖН.ГИАЛУР.К-ТА 200МЛ", expected: "CRL-TN-001" },
  { name: "Carely Тонер увлажняющий с гиалуроновой кислотой", expected: "CRL-TN-001" },
  { name: "ТОНЕР CARELY УВЛ. 200 МЛ", expected: "CRL-TN-001" },
  { name: "Тонер для лица Carely гиалуроновый", expected: "CRL-TN-001" },
  // Сыворотка с витамином C 15%
  { name: "CARELY СЫВ.ВИТ.С 15% 30МЛ", expected: "CRL-SR-001", note: "С is Cyrillic" },
  { name: "Carely Сыворотка с витамином C 15%, 30 мл", expected: "CRL-SR-001" },
  { name: "СЫВОРОТКА CARELY VIT C 15% 30ML", expected: "CRL-SR-001", note: "Latin VIT for ВИТ: no term covers it, a miss the recall allows" },
  { name: "CARELY СЫВОР. ВИТАМИН С 15 % 30 МЛ", expected: "CRL-SR-001" },
  { name: "СARЕLY СЫВ ВИТ С 15%", expected: "CRL-SR-001", note: "brand typed with Cyrillic С and Е" },
  // Сыворотка с ниацинамидом 10%
  { name: "CARELY СЫВ.НИАЦИН 30МЛ", expected: "CRL-SR-002" },
  { name: "Carely Сыворотка с ниацинамидом 10%, 30 мл", expected: "CRL-SR-002" },
  { name: "CARELY СЫВОРОТКА НИАЦИНАМИД 10% 30 МЛ", expected: "CRL-SR-002" },
  { name: "СЫВ CARELY НИАЦ.10%", expected: "CRL-SR-002" },
  { name: "carely сыв-ка ниацинамид", expected: "CRL-SR-002" },
  // Крем для лица дневной SPF 30
  { name: "CARELY КРЕМ Д/ЛИЦА ДНЕВН SPF30 50МЛ", expected: "CRL-CR-001" },
  { name: "Carely Крем для лица дневной SPF 30, 50 мл", expected: "CRL-CR-001" },
  { name: "КРЕМ ДНЕВНОЙ CARELY SPF-30", expected: "CRL-CR-001" },
  { name: "CARELY КРЕМ ДНЕВ. SPF 30", expected: "CRL-CR-001" },
  // Крем ночной восстанавливающий с пептидами
  { name: "CARELY КРЕМ НОЧН.ВОССТ.ПЕПТИДЫ 50МЛ", expected: "CRL-CR-002" },
  { name: "Carely Крем ночной восстанавливающий с пептидами", expected: "CRL-CR-002" },
  { name: "КРЕМ НОЧНОЙ CARELY 50 МЛ", expected: "CRL-CR-002" },
  { name: "CARELY КРЕМ Д/ЛИЦА ПЕПТИД. НОЧ.", expected: "CRL-CR-002" },
  // Крем для кожи вокруг глаз с кофеином
  { name: "CARELY КРЕМ Д/КОЖИ ВОКРУГ ГЛАЗ 15МЛ", expected: "CRL-EY-001" },
  { name: "Carely Крем для кожи вокруг глаз с кофеином, 15 мл", expected: "CRL-EY-001" },
  { name: "CARELY КР.ГЛАЗ КОФЕИН 15МЛ", expected: "CRL-EY-001" },
  { name: "КРЕМ ВОКР.ГЛАЗ CARELY", expected: "CRL-EY-001" },
  // Маска тканевая успокаивающая
  { name: "CARELY МАСКА ТКАН.УСПОК. 1ШТ", expected: "CRL-MS-001" },
  { name: "Carely Маска тканевая успокаивающая", expected: "CRL-MS-001" },
  { name: "МАСКА Д/ЛИЦА CARELY ТКАНЕВАЯ", expected: "CRL-MS-001" },
  { name: "CARELY МАСКА УСПОКАИВ. 25Г", expected: "CRL-MS-001" },
  // Лосьон для тела с мочевиной 5%
  { name: "CARELY ЛОСЬОН Д/ТЕЛА МОЧЕВИНА 5% 250МЛ", expected: "CRL-BD-001" },
  { name: "Carely Лосьон для тела с мочевиной 5%, 250 мл", expected: "CRL-BD-001" },
  { name: "ЛОСЬОН CARELY Д/ТЕЛА 250", expected: "CRL-BD-001" },
  { name: "CARELY ЛОС.МОЧЕВ.5%", expected: "CRL-BD-001" },
  // Крем для рук с маслом ши
  { name: "CARELY КРЕМ Д/РУК МАСЛО ШИ 75МЛ", expected: "CRL-HD-001" },
  { name: "Carely Крем для рук с маслом ши, 75 мл", expected: "CRL-HD-001" },
  { name: "КРЕМ Д/РУК CARELY 75МЛ", expected: "CRL-HD-001" },
  { name: "CARELY КРМ РУК ШИ", expected: "CRL-HD-001" },
  // Солнцезащитный флюид SPF 50+
  { name: "CARELY ФЛЮИД СОЛНЦЕЗАЩ. SPF50+ 50МЛ", expected: "CRL-SN-001" },
  { name: "Carely Солнцезащитный флюид SPF 50+, 50 мл", expected: "CRL-SN-001" },
  { name: "ФЛЮИД CARELY SPF 50+", expected: "CRL-SN-001" },
  { name: "CARELY СОЛНЦЕЗАЩ ФЛЮИД Д/ЛИЦА", expected: "CRL-SN-001" },
  // By GTIN alone: a marked item's code, whatever its name says.
  { name: "Товар 1", gtin: "04607005120052", expected: "CRL-SR-002", note: "GTIN-14 of the EAN-13" },
  { name: "СЫВОРОТКА 30МЛ", gtin: "4607005120045", expected: "CRL-SR-001" },
  { name: "КРЕМ", gtin: "04607005120113", expected: "CRL-HD-001" },

  // Other brands' products of the same kinds.
  { name: "LA ROCHE-POSAY СЫВ.НИАЦИНАМИД 10% 30МЛ", expected: null },
  { name: "THE ORDINARY NIACINAMIDE 10% + ZINC 1% 30ML", expected: null },
  { name: "CERAVE КРЕМ Д/РУК ВОССТ. 50МЛ", expected: null },
  { name: "NIVEA КРЕМ Д/ЛИЦА ДНЕВНОЙ SPF 30 50МЛ", expected: null },
  { name: "ЧИСТАЯ ЛИНИЯ ГЕЛЬ Д/УМЫВАНИЯ 100МЛ", expected: null },
  { name: "GARNIER МАСКА ТКАНЕВАЯ УВЛАЖН.", expected: null },
  { name: "BIODERMA ФЛЮИД SPF50+ 40МЛ", expected: null },
  { name: "ВИТЭКС ЛОСЬОН Д/ТЕЛА С МОЧЕВИНОЙ", expected: null },
  { name: "HOLY LAND ТОНЕР УВЛАЖНЯЮЩИЙ", expected: null },
  { name: "ART&FACT СЫВОРОТКА ВИТАМИН С 15%", expected: null },
  // Look-alikes: a brand that begins the same, a name that sounds the same.
  { name: "CARELINE КРЕМ Д/РУК 75МЛ", expected: null, note: "not Carely" },
  { name: "CARE LINE ПЕНКА Д/УМЫВАНИЯ", expected: null, note: "CARE is not carely" },
  { name: "CARELLE СЫВОРОТКА НИАЦИНАМИД", expected: null },
  { name: "КАРЕЛИЯ ЧАЙ ТРАВЯНОЙ 20ПАК", expected: null },
  { name: "CAREFREE ПРОКЛАДКИ ЕЖЕДН. 20ШТ", expected: null },
  // The brand's own words, not a product in the catalogue (another strength or size).
  { name: "CARELY СЫВ.ВИТ.С 10% 30МЛ", expected: null, note: "10 %, not the catalogue's 15 %" },
  { name: "CARELY ФЛЮИД SPF 30", expected: null, note: "SPF 30, not 50" },
  { name: "CARELY КОСМЕТИЧКА ПОДАРОЧНАЯ", expected: null },
  // Whatever else is in a shopping basket.
  { name: "ПАКЕТ-МАЙКА 30Х55", expected: null },
  { name: "ХЛЕБ БОРОДИНСКИЙ 400Г", expected: null },
  { name: "ВАТНЫЕ ДИСКИ 120ШТ", expected: null },
  { name: "МОЛОКО 3,2% 930МЛ", expected: null },
  { name: "Доставка", expected: null },
  { name: "Скидка по карте", expected: null },
  { name: "ШАМПУНЬ CLEAR 400МЛ", gtin: "4600702084218", expected: null, note: "another GTIN" },
];
