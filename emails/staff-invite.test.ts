import { describe, expect, it } from "vitest";
import { renderStaffInviteEmail, staffInviteSubject } from "./staff-invite";

describe("staff invite email", () => {
  it("names the role, links the invite page and says until when (Moscow time) the link works", async () => {
    const email = await renderStaffInviteEmail({
      role: "STAFF",
      invitedBy: "Ирина Смирнова",
      inviteUrl: "https://portal.example/login/staff/invite/abc123",
      expiresAt: new Date("2026-06-15T21:30:00Z"), // 16 June, 00:30 in Moscow
      loginUrl: "https://portal.example/login/staff",
    });
    expect(email.subject).toBe("Приглашение в портал Carely: сотрудник бренда");
    expect(email.html).toContain('href="https://portal.example/login/staff/invite/abc123"');
    expect(email.text).toContain("Ирина Смирнова приглашает вас");
    expect(email.text).toContain("Ваша роль: сотрудник бренда");
    expect(email.text).toContain("https://portal.example/login/staff/invite/abc123");
    expect(email.text).toContain("16.06.2026, 00:30");
    expect(email.text).toContain("Если вы не ждали приглашения");
  });

  it("has a subject per role", () => {
    expect(staffInviteSubject({ role: "MODERATOR" })).toBe("Приглашение в портал Carely: модератор");
    expect(staffInviteSubject({ role: "ADMIN" })).toBe("Приглашение в портал Carely: администратор");
  });
});
