// The order form's fields and the order verb's limits (src/server/domain/orders/place-prize-order.ts).

/** The recipient's name, as the pickup point will ask for it, in characters. */
export const RECIPIENT_NAME_LENGTH = { min: 2, max: 120 } as const;

/**
 * An order that spends more than half of the balance asks once more before it is placed: the big spend is the
 * one a shopper regrets most (points come back only if staff cancel).
 */
export function orderNeedsSpendConfirmation(pointsPrice: number, balance: number): boolean {
  return pointsPrice * 2 > balance;
}
