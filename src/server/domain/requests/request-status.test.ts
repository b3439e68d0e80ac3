import { describe, expect, it } from "vitest";
import { deriveRequestStatus } from "./request-status";

describe("deriveRequestStatus", () => {
  it.each([
    [["PENDING"], "PENDING"],
    [["PENDING", "PENDING"], "PENDING"],
    [["APPROVED", "PENDING"], "IN_REVIEW"],
    [["REJECTED", "PENDING"], "IN_REVIEW"],
    [["APPROVED"], "APPROVED"],
    [["APPROVED", "APPROVED"], "APPROVED"],
    [["REJECTED", "REJECTED"], "REJECTED"],
    [["APPROVED", "REJECTED"], "PARTIALLY_APPROVED"],
  ] as const)("%j → %s", (statuses, expected) => {
    expect(deriveRequestStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });
});
