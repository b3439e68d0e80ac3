import type { OrderStatus } from "@/generated/prisma/enums";

/** How a prize order's status reads to the shopper (and on staff screens). */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  NEW: "Оформлен",
  APPROVED: "Подтверждён",
  SHIPPED: "Отправлен",
  DELIVERED: "Доставлен",
  CANCELLED: "Отменён",
};

export const ORDER_STATUS_TONE: Record<OrderStatus, "neutral" | "brand" | "success" | "warning" | "danger"> = {
  NEW: "neutral",
  APPROVED: "brand",
  SHIPPED: "brand",
  DELIVERED: "success",
  CANCELLED: "danger",
};

/** "заказ №71", "заказы №71, №72": orders named in a sentence. */
export function orderNumbersText(ids: readonly number[]): string {
  return `${ids.length === 1 ? "заказ" : "заказы"} ${ids.map((id) => `№${id}`).join(", ")}`;
}
