import { describe, expect, it } from "vitest";
import { PICKUP_POINT_CITIES, displayCityName, matchPickupPointCity, suggestPickupPointCities } from "@/lib/pickup-point-cities";
import { BundledPickupPointDirectory } from "./bundled-directory";
import cdekPoints from "./data/cdek-points.json";
import russianPostOffices from "./data/russian-post-offices.json";

const directory = new BundledPickupPointDirectory();

const LARGEST_CITIES = [
  "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород", "Красноярск", "Челябинск",
  "Самара", "Уфа", "Ростов-на-Дону", "Краснодар", "Омск", "Воронеж", "Пермь",
];

/** The first two digits of each city's real postal indexes. */
const INDEX_PREFIXES: Record<string, RegExp> = {
  Москва: /^1[0-2]\d{4}$/,
  "Санкт-Петербург": /^19\d{4}$/,
  Новосибирск: /^630\d{3}$/,
  Екатеринбург: /^620\d{3}$/,
  Казань: /^420\d{3}$/,
  "Нижний Новгород": /^603\d{3}$/,
  Красноярск: /^660\d{3}$/,
  Челябинск: /^454\d{3}$/,
  Самара: /^443\d{3}$/,
  Уфа: /^450\d{3}$/,
  "Ростов-на-Дону": /^344\d{3}$/,
  Краснодар: /^350\d{3}$/,
  Омск: /^644\d{3}$/,
  Воронеж: /^394\d{3}$/,
  Пермь: /^614\d{3}$/,
};

describe("bundled pickup-point directory: the data", () => {
  it("covers the 15 largest cities with tens of points per carrier", () => {
    for (const city of LARGEST_CITIES) {
      expect(PICKUP_POINT_CITIES).toContain(city);
      const cdek = directory.cities("CDEK").find((entry) => entry.city === city);
      const post = directory.cities("RUSSIAN_POST").find((entry) => entry.city === city);
      expect(cdek?.points, `CDEK in ${city}`).toBeGreaterThanOrEqual(20);
      expect(post?.points, `Russian Post in ${city}`).toBeGreaterThanOrEqual(20);
    }
    expect(cdekPoints.filter((point) => point.city === "Москва").length).toBeGreaterThanOrEqual(60);
    expect(cdekPoints.length + russianPostOffices.length).toBeGreaterThan(1000);
  });

  it("has unique CDEK codes and six-digit office indexes from each city's range", () => {
    expect(new Set(cdekPoints.map((point) => point.code)).size).toBe(cdekPoints.length);
    expect(new Set(russianPostOffices.map((office) => office.code)).size).toBe(russianPostOffices.length);
    for (const point of cdekPoints) expect(point.code).toMatch(/^[A-Z]{3}\d{1,4}$/);
    for (const office of russianPostOffices) {
      expect(office.code).toBe(office.postalCode);
      const prefix = INDEX_PREFIXES[office.city];
      if (prefix) expect(office.code).toMatch(prefix);
      else expect(office.code).toMatch(/^\d{6}$/);
    }
  });

  it("gives every point an address, hours and coordinates near its city", () => {
    for (const point of [...cdekPoints, ...russianPostOffices]) {
      expect(point.address).toMatch(/\d/);
      expect(point.workHours).toMatch(/^(Пн|Вт)/);
      expect(point.latitude).toBeGreaterThan(40);
      expect(point.latitude).toBeLessThan(65);
      expect(point.longitude).toBeGreaterThan(28);
      expect(point.longitude).toBeLessThan(100);
    }
  });
});

describe("bundled pickup-point directory: search", () => {
  it("finds a city however it is typed", async () => {
    const expected = await directory.search({ carrier: "CDEK", city: "Москва" });
    expect(expected.length).toBe(50);
    for (const typed of ["г. Москва", "москва", "  МОСКВА ", "город Москва", "Москва г.", "мск"]) {
      expect(await directory.search({ carrier: "CDEK", city: typed }), typed).toEqual(expected);
    }
    const rostov = await directory.search({ carrier: "RUSSIAN_POST", city: "Ростов-на-Дону" });
    expect(rostov.length).toBeGreaterThan(0);
    expect(await directory.search({ carrier: "RUSSIAN_POST", city: "ростов на дону" })).toEqual(rostov);
    expect(await directory.search({ carrier: "RUSSIAN_POST", city: "Ростов" })).toEqual(rostov);
    expect((await directory.search({ carrier: "CDEK", city: "спб" }))[0]?.city).toBe("Санкт-Петербург");
    expect((await directory.search({ carrier: "CDEK", city: "Санкт Петербург" }))[0]?.city).toBe("Санкт-Петербург");
  });

  it("answers only the city's points of the carrier asked for", async () => {
    const points = await directory.search({ carrier: "RUSSIAN_POST", city: "Казань", limit: 200 });
    expect(points.length).toBe(russianPostOffices.filter((office) => office.city === "Казань").length);
    expect(points.every((point) => point.carrier === "RUSSIAN_POST" && point.city === "Казань")).toBe(true);
  });

  it("answers nothing for a city it does not have", async () => {
    expect(await directory.search({ carrier: "CDEK", city: "Урюпинск" })).toEqual([]);
    expect(await directory.search({ carrier: "CDEK", city: "" })).toEqual([]);
  });

  it("narrows by street words, ignoring street types, case and ё", async () => {
    const tverskaya = await directory.search({ carrier: "CDEK", city: "Москва", query: "Тверская" });
    expect(tverskaya.length).toBeGreaterThan(0);
    expect(tverskaya.every((point) => point.address.includes("Тверская"))).toBe(true);
    expect(await directory.search({ carrier: "CDEK", city: "Москва", query: "ул. тверская" })).toEqual(tverskaya);
    expect(await directory.search({ carrier: "CDEK", city: "Москва", query: "улица ТВЕРСКАЯ" })).toEqual(tverskaya);

    const korolev = await directory.search({ carrier: "CDEK", city: "Москва", query: "академика королева" });
    expect(korolev.length).toBeGreaterThan(0);
    expect(korolev.every((point) => point.address.includes("Академика Королёва"))).toBe(true);
  });

  it("puts the exact house first when street and number are typed", async () => {
    const point = cdekPoints.find((candidate) => candidate.city === "Екатеринбург" && /^ул\. [^,]+, \d+$/.test(candidate.address))!;
    const [street, house] = point.address.replace(/^ул\. /, "").split(", ");
    const found = await directory.search({ carrier: "CDEK", city: "Екатеринбург", query: `ул. ${street} д. ${house}` });
    expect(found[0]?.code).toBe(point.code);
    // A partial street word still finds it.
    const partial = await directory.search({ carrier: "CDEK", city: "екатеринбург", query: `${street!.slice(0, 4)} ${house}` });
    expect(partial.map((candidate) => candidate.code)).toContain(point.code);
  });

  it("finds a point by its code and an office by its index", async () => {
    const point = cdekPoints.find((candidate) => candidate.city === "Новосибирск")!;
    const byCode = await directory.search({ carrier: "CDEK", city: "Новосибирск", query: point.code.toLowerCase() });
    expect(byCode[0]?.code).toBe(point.code);

    const office = russianPostOffices.find((candidate) => candidate.city === "Пермь")!;
    const byIndex = await directory.search({ carrier: "RUSSIAN_POST", city: "Пермь", query: office.code });
    expect(byIndex).toHaveLength(1);
    expect(byIndex[0]).toMatchObject({ code: office.code, postalCode: office.code, address: office.address });
  });

  it("returns nothing when a word matches no point", async () => {
    expect(await directory.search({ carrier: "CDEK", city: "Москва", query: "Тверская Несуществующая" })).toEqual([]);
  });

  it("respects the limit", async () => {
    expect(await directory.search({ carrier: "CDEK", city: "Москва", limit: 5 })).toHaveLength(5);
    expect(await directory.search({ carrier: "CDEK", city: "Москва", limit: 1000 })).toHaveLength(80);
    expect(await directory.search({ carrier: "CDEK", city: "Москва", limit: 0 })).toHaveLength(1);
  });

  it("is fast enough to search as the shopper types", async () => {
    const started = performance.now();
    for (let i = 0; i < 500; i += 1) await directory.search({ carrier: "CDEK", city: "Москва", query: "ленинский 1" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("bundled pickup-point directory: find", () => {
  it("finds a point by code (any case, spaces) and an office by index", async () => {
    const point = cdekPoints[0]!;
    expect(await directory.find("CDEK", point.code)).toMatchObject({ carrier: "CDEK", code: point.code, address: point.address });
    expect(await directory.find("CDEK", ` ${point.code.toLowerCase()} `)).toMatchObject({ code: point.code });
    const office = russianPostOffices[0]!;
    expect(await directory.find("RUSSIAN_POST", office.code)).toMatchObject({ carrier: "RUSSIAN_POST", code: office.code });
  });

  it("knows nothing of unknown codes or the other carrier's codes", async () => {
    expect(await directory.find("CDEK", "MSK999999")).toBeNull();
    expect(await directory.find("RUSSIAN_POST", "000000")).toBeNull();
    expect(await directory.find("RUSSIAN_POST", cdekPoints[0]!.code)).toBeNull();
    expect(await directory.find("CDEK", russianPostOffices[0]!.code)).toBeNull();
  });
});

describe("pickup-point cities", () => {
  it("matches names, aliases and prefixes", () => {
    expect(matchPickupPointCity("г. Нижний Новгород")).toBe("Нижний Новгород");
    expect(matchPickupPointCity("питер")).toBe("Санкт-Петербург");
    expect(matchPickupPointCity("Тверь")).toBeNull();
    expect(suggestPickupPointCities("с")).toEqual(expect.arrayContaining(["Санкт-Петербург", "Самара", "Саратов"]));
    expect(suggestPickupPointCities("новгород")).toContain("Нижний Новгород");
    expect(displayCityName("г. Тверь")).toBe("Тверь");
    expect(displayCityName("город Тверь")).toBe("Тверь");
    expect(displayCityName("Тверь г")).toBe("Тверь");
    expect(displayCityName("москва")).toBe("Москва");
  });
});
