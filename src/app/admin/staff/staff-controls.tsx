"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/field";
import { PendingButton } from "@/components/forms/pending-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { STAFF_ROLES, STAFF_ROLE_LABEL, type StaffRole } from "@/lib/admin-labels";
import { cn } from "@/lib/cn";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { STAFF_INVITE_LIFETIME_TEXT } from "@/lib/rules/staff-invite";
import { changeStaffRoleAction, inviteStaffAction, revokeStaffInviteAction, setStaffActiveAction } from "./actions";

/** Email and role: sends the invite link. */
export function InviteForm() {
  const router = useRouter();
  const { pending, error, fieldErrors, done, setDone, run, formRef } = useServerAction({ fields: ["email", "role"] });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get("email") ?? "").trim();
    const result = await run(() => inviteStaffAction({ email, role: String(form.get("role") ?? "") as StaffRole }), "Не удалось отправить приглашение. Попробуйте ещё раз.");
    if (!result) return;
    formElement.reset();
    setDone(`Приглашение отправлено на ${email.toLowerCase()}. Ссылка действует ${STAFF_INVITE_LIFETIME_TEXT}.`);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="invite-form">
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <Field id="invite-email" label="Электронная почта" error={fieldErrors.email}>
          {(control) => <Input {...control} name="email" type="email" autoComplete="off" required />}
        </Field>
        <Field id="invite-role" label="Роль" error={fieldErrors.role}>
          {(control) => (
            <Select {...control} name="role" defaultValue="MODERATOR">
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {STAFF_ROLE_LABEL[role]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <FormStatus error={error} done={done} />
      <PendingButton type="submit" pending={pending} pendingText="Отправляем…">
        Отправить приглашение
      </PendingButton>
    </form>
  );
}

function useRowAction() {
  const router = useRouter();
  const action = useServerAction();
  async function run(call: () => Promise<ActionResult<unknown>>) {
    if (await action.run(call, "Не удалось сохранить. Попробуйте ещё раз.")) router.refresh();
  }
  return { pending: action.pending, error: action.error, run };
}

export interface StaffView {
  id: number;
  email: string;
  name: string | null;
  role: StaffRole;
  isActive: boolean;
  lastLoginAt: string | null;
}

/** One staff account: role, status, last sign-in; role change and deactivation (not for oneself). */
export function StaffRow({ user, isSelf }: { user: StaffView; isSelf: boolean }) {
  const { pending, error, run } = useRowAction();
  const [role, setRole] = useState<StaffRole>(user.role);
  return (
    <li className={cn("space-y-2 py-4", !user.isActive && "opacity-75")} data-testid={`staff-${user.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{user.name ?? user.email}</span>
            <Badge tone="brand">{STAFF_ROLE_LABEL[user.role]}</Badge>
            {user.isActive ? <Badge tone="success">активен</Badge> : <Badge tone="danger">отключён</Badge>}
            {isSelf && <Badge>это вы</Badge>}
          </p>
          <p className="text-sm break-all text-muted">{user.email}</p>
          <p className="text-xs text-muted">{user.lastLoginAt ? `Последний вход: ${formatDateTime(new Date(user.lastLoginAt))}` : "Ещё не входил"}</p>
        </div>
      </div>
      {!isSelf && (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`staff-${user.id}-role`} className="sr-only">
            Роль {user.email}
          </label>
          <select
            id={`staff-${user.id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as StaffRole)}
            disabled={pending}
            className="h-9 rounded-xl border border-line bg-white px-2 text-sm"
          >
            {STAFF_ROLES.map((option) => (
              <option key={option} value={option}>
                {STAFF_ROLE_LABEL[option]}
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" size="sm" disabled={pending || role === user.role} onClick={() => void run(() => changeStaffRoleAction({ userId: user.id, role }))}>
            Сменить роль
          </Button>
          <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => void run(() => setStaffActiveAction({ userId: user.id, isActive: !user.isActive }))}>
            {user.isActive ? "Отключить" : "Включить"}
          </Button>
        </div>
      )}
      <FormStatus error={error} />
    </li>
  );
}

/** An invite not yet accepted: who and when it expires; it can be revoked. */
export function InviteRow({ invite }: { invite: { id: number; email: string; role: StaffRole; expiresAt: string; invitedBy: string } }) {
  const { pending, error, run } = useRowAction();
  return (
    <li className="space-y-2 py-3" data-testid={`invite-${invite.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-all">{invite.email}</span>
            <Badge tone="brand">{STAFF_ROLE_LABEL[invite.role]}</Badge>
          </p>
          <p className="text-xs text-muted">
            Приглашение от {invite.invitedBy}; ссылка действует до {formatDateTime(new Date(invite.expiresAt))}
          </p>
        </div>
        <Button type="button" variant="ghost" size="sm" disabled={pending} onClick={() => void run(() => revokeStaffInviteAction({ inviteId: invite.id }))}>
          Отозвать
        </Button>
      </div>
      <FormStatus error={error} />
    </li>
  );
}
