// The one home of Russian plural forms: everything that says "N минут" goes through here, so the forms follow
// the language's rules (CLDR via Intl.PluralRules) instead of each screen's own arithmetic.

/** [one, few, many]: ["минута", "минуты", "минут"]. */
export type RussianPluralForms = readonly [one: string, few: string, many: string];

const rules = new Intl.PluralRules("ru");

/** Russian plural: pluralRu(3, ["минута", "минуты", "минут"]) → "минуты" (one, few, many). */
export function pluralRu(count: number, forms: RussianPluralForms): string {
  switch (rules.select(count)) {
    case "one":
      return forms[0];
    case "few":
      return forms[1];
    case "many":
      return forms[2];
    default:
      // "other" is fractions only in Russian (1,5 минуты): the genitive singular, which the "few" form is.
      return forms[1];
  }
}

/** The count with its word: countRu(5, ["день", "дня", "дней"]) → "5 дней". */
export function countRu(count: number, forms: RussianPluralForms): string {
  return `${count} ${pluralRu(count, forms)}`;
}
