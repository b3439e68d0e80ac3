import type { PartKind, PartStatus, RequestStatus } from "@/generated/prisma/enums";

export const REQUEST_STATUS_LABEL: Record<RequestStatus, string> = {
  PENDING: "Ожидает проверки",
  IN_REVIEW: "На проверке",
  APPROVED: "Одобрена",
  PARTIALLY_APPROVED: "Одобрена частично",
  REJECTED: "Отклонена",
};

export const REQUEST_STATUS_TONE: Record<RequestStatus, "neutral" | "brand" | "success" | "warning" | "danger"> = {
  PENDING: "neutral",
  IN_REVIEW: "brand",
  APPROVED: "success",
  PARTIALLY_APPROVED: "warning",
  REJECTED: "danger",
};

export const PART_LABEL: Record<PartKind, string> = { REVIEW: "Отзыв", RECEIPT: "Чек" };

export const PART_STATUS_LABEL: Record<PartStatus, string> = { PENDING: "на проверке", APPROVED: "одобрен", REJECTED: "отклонён" };
