import type { Metadata } from "next";
import Link from "next/link";
import { BrandMark } from "@/components/brand-mark";
import { Alert } from "@/components/ui/alert";
import { STAFF_ROLE_LABEL } from "@/lib/admin-labels";
import { formatDateTime } from "@/lib/format";
import { INVITE_PROBLEM, getStaffInvite } from "@/server/domain/admin/get-staff-invite";
import { STAFF_PASSWORD_MIN_LENGTH } from "@/lib/rules/staff-invite";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Приглашение в портал", referrer: "no-referrer" };

export default async function StaffInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await getStaffInvite(token);
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-10 flex-1">
        <h1 className="text-2xl font-semibold tracking-tight">Приглашение в портал</h1>
        {invite.status === "VALID" ? (
          <>
            <p className="mt-2 text-[15px] text-muted">
              Учётная запись для <span className="font-medium text-ink">{invite.email}</span>, роль — {STAFF_ROLE_LABEL[invite.role].toLowerCase()}. Укажите имя и
              придумайте пароль (не короче {STAFF_PASSWORD_MIN_LENGTH} символов). Ссылка действует до {formatDateTime(invite.expiresAt)}.
            </p>
            <div className="mt-8">
              <AcceptInviteForm token={token} email={invite.email} minLength={STAFF_PASSWORD_MIN_LENGTH} />
            </div>
          </>
        ) : (
          <div className="mt-6 space-y-4">
            <Alert tone="error" data-testid="invite-problem">
              {INVITE_PROBLEM[invite.status]}
            </Alert>
            <Link href="/login/staff" className="inline-block font-medium text-brand-700 hover:underline">
              Вход для сотрудников
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
