import { describe, expect, it } from "vitest";
import { pickDuplicateMatch } from "./duplicate-match";

describe("what the shopper learns of a repeat", () => {
  it("nothing when no earlier request matches", () => {
    expect(pickDuplicateMatch(7, [])).toBeNull();
  });

  it("their own request by number, even after someone else's", () => {
    expect(pickDuplicateMatch(7, [{ requestId: 3, customerId: 9 }, { requestId: 12, customerId: 7 }, { requestId: 15, customerId: 7 }])).toEqual({ mine: true, requestId: 12 });
  });

  it("of someone else's, that it exists and nothing more", () => {
    const match = pickDuplicateMatch(7, [{ requestId: 3, customerId: 9 }]);
    expect(match).toEqual({ mine: false });
    expect(JSON.stringify(match)).not.toMatch(/3|9/);
  });
});
