// An administrator's manual correction of a shopper's balance: the form and adjust-points.ts.

/** The reason the shopper reads in their history, in characters. */
export const ADJUSTMENT_REASON_LENGTH = { min: 5, max: 300 } as const;
