// The order form's fields and the order verb's limits (src/server/domain/orders/place-prize-order.ts).

/** The recipient's name, as the pickup point will ask for it, in characters. */
export const RECIPIENT_NAME_LENGTH = { min: 2, max: 120 } as const;
