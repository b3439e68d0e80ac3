/**
 * Cities of the bundled pickup-point directory, and the way a typed city name is compared: shared by the
 * server's search and the shopper's picker (its suggestions). `scripts/pickup-points/generate-bundled-directory.ts`
 * generates the directory's points for exactly these cities.
 */
export const PICKUP_POINT_CITIES = [
  "Москва",
  "Санкт-Петербург",
  "Новосибирск",
  "Екатеринбург",
  "Казань",
  "Нижний Новгород",
  "Красноярск",
  "Челябинск",
  "Самара",
  "Уфа",
  "Ростов-на-Дону",
  "Краснодар",
  "Омск",
  "Воронеж",
  "Пермь",
  "Волгоград",
  "Тюмень",
  "Саратов",
  "Тольятти",
] as const;

export type PickupPointCity = (typeof PICKUP_POINT_CITIES)[number];

/** What people type for these cities besides their names (compared after normalisation). */
const CITY_ALIASES: Record<string, PickupPointCity> = {
  мск: "Москва",
  спб: "Санкт-Петербург",
  питер: "Санкт-Петербург",
  петербург: "Санкт-Петербург",
  "с петербург": "Санкт-Петербург",
  "санкт петербург": "Санкт-Петербург",
  екб: "Екатеринбург",
  нск: "Новосибирск",
  нижний: "Нижний Новгород",
  "н новгород": "Нижний Новгород",
  ростов: "Ростов-на-Дону",
  "ростов на дону": "Ростов-на-Дону",
};

/**
 * Lower case, ё as е, punctuation and hyphens as spaces, single spaces: "Ростов-на-Дону" and
 * "ростов на дону" compare equal, as do "Королёва" and "королева".
 */
export function normalizeSearchText(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"'`’.,;:()/\\№#\-–—_]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A typed city name without its settlement prefix: "г. Москва", "город Москва", "Москва г" → "москва". */
export function normalizeCityName(value: string): string {
  return normalizeSearchText(value)
    .replace(/^(г|гор|город) /, "").replace(/ (г|гор|город)$/, "").trim();
}

/** The bundled city a typed name means (name or a common alias), or null. */
export function matchPickupPointCity(value: string): PickupPointCity | null {
  const normalized = normalizeCityName(value);
  if (!normalized) return null;
  for (const city of PICKUP_POINT_CITIES) if (normalizeCityName(city) === normalized) return city;
  return CITY_ALIASES[normalized] ?? null;
}

/** Bundled cities whose name starts with what is typed: the picker's suggestions. */
export function suggestPickupPointCities(value: string, limit = 6): PickupPointCity[] {
  const normalized = normalizeCityName(value);
  if (!normalized) return [...PICKUP_POINT_CITIES].slice(0, limit);
  const alias = CITY_ALIASES[normalized];
  const matches = PICKUP_POINT_CITIES.filter(
    (city) => normalizeCityName(city).startsWith(normalized) || normalizeCityName(city).split(" ").some((word) => word.startsWith(normalized)),
  );
  if (alias && !matches.includes(alias)) matches.unshift(alias);
  return matches.slice(0, limit);
}

/** The city as a carrier's API wants it: the bundled name when known, else as typed without "г." ("г. Тверь" → "Тверь"). */
export function displayCityName(value: string): string {
  const known = matchPickupPointCity(value);
  if (known) return known;
  return value
    .trim()
    .replace(/^(г|гор|город)(\.\s*|\s+)/iu, "")
    .replace(/[\s,]+(г|гор|город)\.?$/iu, "")
    .replace(/\s+/g, " ")
    .trim();
}
