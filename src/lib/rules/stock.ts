// When a prize is "running low": the staff's catalogue badges and the figures' "running out" block use the
// same threshold, so a prize flagged on one screen is flagged on the other.

/** This many units (physical) or free codes (digital) left, or fewer, is running low; 0 is sold out. */
export const LOW_STOCK_THRESHOLD = 5;

export function isLowStock(left: number): boolean {
  return left <= LOW_STOCK_THRESHOLD;
}

/** The badge tone of a prize's stock in the staff's lists: sold out, running low, or enough. */
export function stockTone(left: number): "danger" | "warning" | "success" {
  if (left <= 0) return "danger";
  return isLowStock(left) ? "warning" : "success";
}
