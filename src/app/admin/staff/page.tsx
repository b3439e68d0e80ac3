import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import type { StaffRole } from "@/lib/admin-labels";
import { AREA_ROLES, requirePageRole } from "@/server/auth/session";
import { listStaff } from "@/server/domain/admin/list-staff";
import { InviteForm, InviteRow, StaffRow } from "./staff-controls";

export const metadata: Metadata = { title: "Сотрудники" };

export default async function AdminStaffPage() {
  const actor = await requirePageRole(AREA_ROLES.admin);
  const { users, invites } = await listStaff(actor);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Сотрудники</h1>
        <p className="text-sm text-muted">
          Учётные записи модераторов, сотрудников бренда и администраторов. Новый сотрудник получает письмо со ссылкой, по которой сам задаёт имя и пароль.
          Отключённая учётная запись перестаёт работать сразу, даже если сотрудник сейчас в портале. Свою роль и свою учётную запись изменить нельзя.
        </p>
      </div>
      <Card className="space-y-3">
        <CardTitle>Пригласить сотрудника</CardTitle>
        <InviteForm />
      </Card>
      {invites.length > 0 && (
        <Card>
          <CardTitle>Ждут ответа</CardTitle>
          <ul className="divide-y divide-line" data-testid="staff-invites">
            {invites.map((invite) => (
              <InviteRow
                key={invite.id}
                invite={{
                  id: invite.id,
                  email: invite.email,
                  role: invite.role as StaffRole,
                  expiresAt: invite.expiresAt.toISOString(),
                  invitedBy: invite.invitedBy.name ?? invite.invitedBy.email ?? "",
                }}
              />
            ))}
          </ul>
        </Card>
      )}
      <Card>
        <CardTitle>Учётные записи</CardTitle>
        <ul className="divide-y divide-line" data-testid="staff-list">
          {users.map((user) => (
            <StaffRow
              key={user.id}
              user={{
                id: user.id,
                email: user.email ?? "",
                name: user.name,
                role: user.role as StaffRole,
                isActive: user.isActive,
                lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
              }}
              isSelf={user.id === actor.id}
            />
          ))}
        </ul>
      </Card>
    </div>
  );
}
