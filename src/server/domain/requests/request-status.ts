import "server-only";
import type { PartStatus, RequestStatus } from "@/generated/prisma/enums";

/**
 * A request's status follows from its parts: nothing decided yet → PENDING; some decided, some
 * waiting → IN_REVIEW; all decided → APPROVED, REJECTED or PARTIALLY_APPROVED.
 */
export function deriveRequestStatus(parts: readonly { status: PartStatus }[]): RequestStatus {
  const pending = parts.filter((part) => part.status === "PENDING").length;
  const approved = parts.filter((part) => part.status === "APPROVED").length;
  const rejected = parts.length - pending - approved;
  if (pending === parts.length) return "PENDING";
  if (pending > 0) return "IN_REVIEW";
  if (rejected === 0) return "APPROVED";
  if (approved === 0) return "REJECTED";
  return "PARTIALLY_APPROVED";
}
