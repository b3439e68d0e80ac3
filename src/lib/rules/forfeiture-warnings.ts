// When a shopper hears that their points will be forfeited: read by the warning run, the cabinet's
// countdown and the warning email (the forfeiture period itself is a setting, forfeitureMonths).

/** Lead times of the warnings, in days before the forfeiture date, the earliest first. */
export const FORFEITURE_WARNING_DAYS = [30, 7] as const;
export type ForfeitureWarningDays = (typeof FORFEITURE_WARNING_DAYS)[number];

/** The first warning (the longest lead time): from then on the cabinet's countdown stands out. */
export const FIRST_FORFEITURE_WARNING_DAYS = Math.max(...FORFEITURE_WARNING_DAYS);
/** The last warning before the points go (the shortest lead time). */
export const LAST_FORFEITURE_WARNING_DAYS = Math.min(...FORFEITURE_WARNING_DAYS);
