import "server-only";
import { normalizeSearchText } from "@/lib/pickup-point-cities";
import type { PickupPointRecord } from "./pickup-point-directory";

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 200;

/** Words of an address that say what kind of street it is, not which: "ул. Ленина, д. 5" is searched as "ленина 5". */
const NOISE_WORDS = new Set([
  "ул", "улица", "пр", "проспект", "просп", "пер", "переулок", "бул", "бульвар", "ш", "шоссе", "пл", "площадь",
  "д", "дом", "корп", "корпус", "к", "стр", "строение", "г", "гор", "город", "пвз", "отделение", "почта", "сдэк",
]);

export function searchLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** The words of a shopper's query worth matching: no street-type words, no lone letters, no city name. */
export function queryWords(query: string | undefined, city?: string): string[] {
  const cityWords = new Set(city ? normalizeSearchText(city).split(" ") : []);
  return normalizeSearchText(query ?? "")
    .split(" ")
    .filter((word) => word !== "" && !NOISE_WORDS.has(word) && !cityWords.has(word) && (word.length > 1 || /\d/.test(word)));
}

interface IndexedPoint {
  record: PickupPointRecord;
  words: string[];
  /** Code and index without spaces, lower case: an exact code match ranks first. */
  codes: string[];
  sortKey: string;
}

const collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });

/**
 * One city's points of one carrier, prepared once for searching by street words, code or index.
 * Every query word must match the start of a word of the point's address, name, code or index (or, from three
 * letters, any part of one); exact words rank above prefixes, prefixes above inner matches; an exact code or
 * index comes first. With no words, points are listed by address.
 */
export class PointSearchIndex {
  private readonly points: IndexedPoint[];

  constructor(records: readonly PickupPointRecord[]) {
    this.points = records
      .map((record) => {
        const codes = [record.code, record.postalCode ?? ""].map((code) => normalizeSearchText(code).replace(/ /g, "")).filter(Boolean);
        const text = normalizeSearchText(`${record.address} ${record.name} ${record.code} ${record.postalCode ?? ""}`);
        return { record, words: [...new Set(text.split(" "))], codes, sortKey: normalizeSearchText(record.address) };
      })
      .sort((a, b) => collator.compare(a.sortKey, b.sortKey) || collator.compare(a.record.code, b.record.code));
  }

  get size(): number {
    return this.points.length;
  }

  search(query: string | undefined, limit: number, city?: string): PickupPointRecord[] {
    const words = queryWords(query, city);
    if (words.length === 0) return this.points.slice(0, limit).map((point) => point.record);
    const wholeQuery = normalizeSearchText(query ?? "").replace(/ /g, "");

    const scored: { point: IndexedPoint; score: number }[] = [];
    for (const point of this.points) {
      let score = point.codes.includes(wholeQuery) ? 100 : 0;
      for (const word of words) {
        const best = wordScore(word, point.words);
        if (best === 0) {
          score = -1;
          break;
        }
        score += best;
      }
      if (score > 0) scored.push({ point, score });
    }
    // Stable sort: equal scores keep the address order.
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map(({ point }) => point.record);
  }
}

function wordScore(queryWord: string, words: readonly string[]): number {
  let best = 0;
  for (const word of words) {
    if (word === queryWord) return 3;
    if (word.startsWith(queryWord)) best = Math.max(best, 2);
    else if (best === 0 && queryWord.length >= 3 && word.includes(queryWord)) best = 1;
  }
  return best;
}
