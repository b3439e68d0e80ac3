import { describe, expect, it } from "vitest";
import { receiptDuplicateText, reviewLinkDuplicateText, screenshotDuplicateText } from "./request-duplicates";

describe("the duplicate warnings' wording", () => {
  it("names the shopper's own request and says nothing of another's", () => {
    expect(reviewLinkDuplicateText({ mine: true, requestId: 42 })).toBe("Этот отзыв уже отправлен в заявке №42.");
    expect(reviewLinkDuplicateText({ mine: false })).toBe("Этот отзыв уже участвовал в программе.");
    expect(receiptDuplicateText({ mine: true, requestId: 5 })).toBe("Этот чек уже отправлен в заявке №5.");
    expect(receiptDuplicateText({ mine: false })).toBe("Этот чек уже участвовал в программе.");
  });

  it("says which screenshot when there are several", () => {
    expect(screenshotDuplicateText({ mine: true, requestId: 8 }, 1, 1)).toBe("Этот скриншот уже отправлен в заявке №8.");
    expect(screenshotDuplicateText({ mine: false }, 2, 3)).toBe("Скриншот 2 уже участвовал в программе.");
  });
});
