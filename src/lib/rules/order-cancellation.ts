// Staff cancelling a prize order: the reason reaches the shopper by email and in the cabinet.

/** The cancellation reason, in characters. */
export const CANCEL_REASON_LENGTH = { min: 3, max: 500 } as const;
