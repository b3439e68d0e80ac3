import { describe, expect, it } from "vitest";
import { renderRequestDecidedEmail, requestDecidedSubject } from "./request-decided";

const urls = { requestUrl: "https://portal.example/cabinet/requests/42", cabinetUrl: "https://portal.example/cabinet" };

describe("request decided email", () => {
  it("announces an approval with the points credited and links the request", async () => {
    const email = await renderRequestDecidedEmail({ requestId: 42, part: "REVIEW", decision: "APPROVED", points: 500, ...urls });
    expect(email.subject).toBe("Заявка №42: отзыв одобрен, +500 баллов");
    expect(email.html).toContain('lang="ru"');
    expect(email.html).toContain("+500 баллов");
    expect(email.html).toContain('href="https://portal.example/cabinet/requests/42"');
    expect(email.text).toContain("Модератор проверил заявку №42 и одобрил отзыв.");
    expect(email.text).toContain("+500 баллов");
    expect(email.text).toContain("https://portal.example/cabinet/requests/42");
    expect(email.text).not.toContain("Комментарий модератора");
  });

  it("carries the moderator's comment on a rejection, line breaks kept", async () => {
    const email = await renderRequestDecidedEmail({
      requestId: 7,
      part: "RECEIPT",
      decision: "REJECTED",
      points: 0,
      comment: "QR-код не читается.\nСфотографируйте чек ближе.",
      ...urls,
    });
    expect(email.subject).toBe("Заявка №7: чек отклонён");
    expect(email.text).toContain("Комментарий модератора:");
    expect(email.text).toContain("QR-код не читается.\nСфотографируйте чек ближе.");
    expect(email.html).toContain("QR-код не читается.");
    expect(email.html).toContain("<br/>Сфотографируйте чек ближе.");
    expect(email.text).not.toContain("баллов");
  });

  it("escapes HTML in the comment everywhere it appears", async () => {
    const comment = `<script>alert("x")</script><a href="https://evil.example">жмите</a> & ещё`;
    const email = await renderRequestDecidedEmail({ requestId: 3, part: "REVIEW", decision: "REJECTED", points: 0, comment, ...urls });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain('href="https://evil.example"');
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.html).toContain("&amp; ещё");
    // The text part shows the comment exactly as the moderator typed it.
    expect(email.text).toContain(comment);
  });

  it("words the points for any amount", () => {
    expect(requestDecidedSubject({ requestId: 1, part: "RECEIPT", decision: "APPROVED", points: 100 })).toBe("Заявка №1: чек одобрен, +100 баллов");
    expect(requestDecidedSubject({ requestId: 1, part: "REVIEW", decision: "APPROVED", points: 1 })).toBe("Заявка №1: отзыв одобрен, +1 балл");
    expect(requestDecidedSubject({ requestId: 1, part: "REVIEW", decision: "APPROVED", points: 1500 })).toBe("Заявка №1: отзыв одобрен, +1\u00a0500 баллов");
  });
});
