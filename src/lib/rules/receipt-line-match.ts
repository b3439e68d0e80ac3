// Which catalogue products a receipt's line items are (docs/rules/auto-moderation.md, "Products recognised in
// receipts"). Shared by the moderator's receipt panel, the automatic receipt rules, the staff's term editor and
// the benchmark, so the rule has one home.
//
// A line is matched to a product by a GTIN (a marked item's code in the online check) or by one of the
// product's match terms. A term matches a line when each of its words is covered by a word of the line:
// - numbers exactly ("30" is not "50": 30 ml and 50 ml, 10 % and 15 % are different products);
// - a word with Latin letters (a brand: "carely", "spf") exactly, so "CARELINE" or "CARE" is not "carely";
// - a Cyrillic word exactly or abbreviated: the shorter of the two, at least ABBREVIATION_MIN_LENGTH letters,
//   starts with the same letter and its letters appear in the longer one in order ("сыв" ~ "сыворотка",
//   "ниацин" ~ "ниацинамид", "крм" ~ "крем");
// - Latin and Cyrillic look-alike letters are one letter ("СARЕLY" typed with Cyrillic С and Е is "carely");
// - case, "ё", punctuation and a number glued to its unit ("30МЛ") do not matter; prepositions are ignored;
// - a one-letter word ("C" of vitamin C, "Д/" of "Д/РУК", the preposition "С") is not required, since a receipt
//   drops or keeps it at random, but counts towards the term's specificity when the line has it.
// The most specific term wins (the most words found); products tied on it are all named, and only a line naming
// one product alone is certain enough for a rule to act on.

/** The shortest abbreviation of a Cyrillic word that still counts ("сыв" for "сыворотка"). */
export const ABBREVIATION_MIN_LENGTH = 3;
/** A term needs this many words: a brand name alone would match every line of the brand to one product. */
export const MATCH_TERM_MIN_WORDS = 2;
export const MATCH_TERM_MAX_LENGTH = 80;
export const MATCH_TERMS_MAX = 20;
export const GTINS_MAX = 20;

/** Words receipts and terms use that say nothing about the product. */
const IGNORED_WORDS = new Set(["со", "для", "во", "на", "от", "по", "из", "без"]);

/** Cyrillic letters drawn like Latin ones (and ё): compared as the Latin letter. */
const LOOK_ALIKES: Record<string, string> = { а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x" };

interface Word {
  /** The word with look-alike letters made Latin. */
  key: string;
  kind: "number" | "latin" | "cyrillic";
  /** One letter: not required of a line (see above). */
  optional: boolean;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const part of text.normalize("NFKC").toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []) {
    if (IGNORED_WORDS.has(part)) continue;
    if (/^\p{N}+$/u.test(part)) {
      words.push({ key: String(Number(part)), kind: "number", optional: false });
      continue;
    }
    const key = Array.from(part, (letter) => LOOK_ALIKES[letter] ?? letter).join("");
    words.push({ key, kind: /[a-z]/.test(part) ? "latin" : "cyrillic", optional: part.length === 1 });
  }
  return words;
}

const requiredWords = (words: Word[]) => words.filter((word) => !word.optional).length;

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

/** Whether a line's word stands for a term's word. */
function covers(lineWord: Word, termWord: Word): boolean {
  if (lineWord.key === termWord.key) return true;
  if (termWord.kind !== "cyrillic" || lineWord.kind !== "cyrillic") return false;
  const [short, long] = lineWord.key.length <= termWord.key.length ? [lineWord.key, termWord.key] : [termWord.key, lineWord.key];
  return short.length >= ABBREVIATION_MIN_LENGTH && short[0] === long[0] && isSubsequence(short, long);
}

/** A GTIN as digits without leading zeros: a GTIN-14 "04607…" and its EAN-13 "4607…" are one code. */
export function normaliseGtin(code: string): string {
  return code.replace(/\D/g, "").replace(/^0+/, "");
}

/** Why a match term cannot be kept, in Russian for the staff's form; null when it is fine. */
export function matchTermProblem(term: string): string | null {
  if (term.trim().length > MATCH_TERM_MAX_LENGTH) return `Не длиннее ${MATCH_TERM_MAX_LENGTH} символов.`;
  if (requiredWords(wordsOf(term)) < MATCH_TERM_MIN_WORDS) return "Нужно хотя бы два слова: бренд и название, например «CARELY СЫВ.НИАЦИН».";
  return null;
}

/** Why a GTIN cannot be kept; null when it is one (8, 12, 13 or 14 digits with a right check digit). */
export function gtinProblem(code: string): string | null {
  const digits = code.trim();
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return "GTIN — это 8, 12, 13 или 14 цифр.";
  const body = Array.from(digits.slice(0, -1)).reverse();
  const sum = body.reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1)) ? null : "Неверная контрольная цифра GTIN.";
}

export interface ProductMatchSpec {
  productId: number;
  terms: readonly string[];
  gtins: readonly string[];
}

/** The catalogue's terms and codes, split into words once for many lines. */
export interface PreparedCatalogue {
  terms: { productId: number; term: string; words: Word[] }[];
  gtins: Map<string, number[]>;
  /** The terms' Latin words of 3+ letters ("carely", "spf"): a line with one may be the brand's even when no term fits it. */
  brandWords: Set<string>;
}

export function prepareCatalogue(specs: readonly ProductMatchSpec[]): PreparedCatalogue {
  const gtins = new Map<string, number[]>();
  for (const spec of specs) {
    for (const code of spec.gtins) {
      const key = normaliseGtin(code);
      if (key) gtins.set(key, [...(gtins.get(key) ?? []), spec.productId]);
    }
  }
  const terms = specs.flatMap((spec) => spec.terms.map((term) => ({ productId: spec.productId, term, words: wordsOf(term) })).filter((term) => requiredWords(term.words) >= MATCH_TERM_MIN_WORDS));
  const brandWords = new Set(terms.flatMap((term) => term.words.filter((word) => word.kind === "latin" && word.key.length >= 3).map((word) => word.key)));
  return { terms, gtins, brandWords };
}

export interface ReceiptLineInput {
  name: string;
  gtin?: string | null;
}

export interface LineMatch {
  /** The products the line is; more than one when equally specific terms of several products match it. */
  productIds: number[];
  by: "gtin" | "term";
  /** The term that matched (by term). */
  term?: string;
}

export function matchReceiptLine(line: ReceiptLineInput, catalogue: PreparedCatalogue): LineMatch | null {
  const byCode = line.gtin ? catalogue.gtins.get(normaliseGtin(line.gtin)) : undefined;
  if (byCode) return { productIds: [...new Set(byCode)], by: "gtin" };
  const words = wordsOf(line.name);
  let best: { size: number; productIds: Set<number>; term: string } | null = null;
  for (const term of catalogue.terms) {
    let size = 0;
    let missing = false;
    for (const termWord of term.words) {
      if (words.some((lineWord) => covers(lineWord, termWord))) size++;
      else if (!termWord.optional) missing = true;
    }
    if (missing || (best && size < best.size)) continue;
    if (!best || size > best.size) best = { size, productIds: new Set([term.productId]), term: term.term };
    else best.productIds.add(term.productId);
  }
  return best && { productIds: [...best.productIds].sort((a, b) => a - b), by: "term", term: best.term };
}

export type ReceiptProductVerdict = "SELECTED_PRODUCT" | "OTHER_BRAND_PRODUCT" | "NO_BRAND_PRODUCT";

export const RECEIPT_PRODUCT_VERDICT_TEXT: Record<ReceiptProductVerdict, string> = {
  SELECTED_PRODUCT: "В чеке есть выбранный продукт",
  OTHER_BRAND_PRODUCT: "В чеке другой продукт бренда",
  NO_BRAND_PRODUCT: "Продуктов бренда в чеке нет",
};

export interface ReceiptProductFinding {
  verdict: ReceiptProductVerdict;
  /**
   * SELECTED_PRODUCT: a line names the request's product and no other (what the automatic approval needs).
   * NO_BRAND_PRODUCT: no line has even a word of the brand's ("CARELY КРЕМ" fits no term but is the brand's),
   * and the request's product has terms or GTINs to be found by, so the receipt can be refused for it.
   */
  certain: boolean;
  /** Each line's match, in the receipt's order (null: not the brand's). */
  lines: (LineMatch | null)[];
}

/** What the receipt's lines say about the request's product. */
export function findProductInReceipt(lines: readonly ReceiptLineInput[], productId: number, catalogue: PreparedCatalogue): ReceiptProductFinding {
  const matches = lines.map((line) => matchReceiptLine(line, catalogue));
  const naming = matches.filter((match) => match?.productIds.includes(productId));
  if (naming.length > 0) return { verdict: "SELECTED_PRODUCT", certain: naming.some((match) => match!.productIds.length === 1), lines: matches };
  if (matches.some(Boolean)) return { verdict: "OTHER_BRAND_PRODUCT", certain: true, lines: matches };
  const brandLike = lines.some((line) => wordsOf(line.name).some((word) => catalogue.brandWords.has(word.key)));
  // A product staff have not described yet (no term, no GTIN) is never recognised: its absence proves nothing.
  const recognisable = catalogue.terms.some((term) => term.productId === productId) || [...catalogue.gtins.values()].some((ids) => ids.includes(productId));
  return { verdict: "NO_BRAND_PRODUCT", certain: recognisable && !brandLike, lines: matches };
}

export type MatchSpecField = "matchTerms" | "gtins";

/**
 * The staff's terms and GTINs as typed (one per line), trimmed, without empty lines and repeats; an error
 * per field, for the form (src/app/staff/products) and the verb (set-product-match-terms.ts) alike.
 */
export function checkProductMatchSpec(input: { matchTerms: readonly string[]; gtins: readonly string[] }): {
  matchTerms: string[];
  gtins: string[];
  fieldErrors: Partial<Record<MatchSpecField, string>>;
} {
  const matchTerms = [...new Set(input.matchTerms.map((term) => term.trim().replace(/\s+/g, " ")).filter(Boolean))];
  const gtins = [...new Set(input.gtins.map((code) => code.trim()).filter(Boolean))];
  const fieldErrors: Partial<Record<MatchSpecField, string>> = {};
  if (matchTerms.length > MATCH_TERMS_MAX) fieldErrors.matchTerms = `Не больше ${MATCH_TERMS_MAX} написаний у одного продукта.`;
  else {
    const bad = matchTerms.map((term) => [term, matchTermProblem(term)] as const).find(([, problem]) => problem);
    if (bad) fieldErrors.matchTerms = `«${bad[0].slice(0, 40)}»: ${bad[1]}`;
  }
  if (gtins.length > GTINS_MAX) fieldErrors.gtins = `Не больше ${GTINS_MAX} кодов у одного продукта.`;
  else {
    const bad = gtins.map((code) => [code, gtinProblem(code)] as const).find(([, problem]) => problem);
    if (bad) fieldErrors.gtins = `${bad[0].slice(0, 20)}: ${bad[1]}`;
  }
  return { matchTerms, gtins, fieldErrors };
}
