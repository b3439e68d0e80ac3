// The business-day calendar's limits, shared by the administrator's form and the calendar verbs.

/** Years an administrator may edit: wide enough for any campaign, narrow enough to catch a mistyped year. */
export const CALENDAR_YEAR_RANGE = { min: 2020, max: 2100 } as const;

/** A calendar day's note ("перенос выходного с 3 января"), in characters. */
export const CALENDAR_NOTE_MAX_LENGTH = 200;
