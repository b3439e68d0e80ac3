import { Heading, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { STAFF_ROLE_LABEL, type StaffRole } from "@/lib/admin-labels";
import { formatDateTime } from "@/lib/format";
import { EmailAction } from "./components/email-action";
import { EmailLayout, emailColors } from "./components/email-layout";
import { type RenderedEmail, renderEmail } from "./render-email";

/** An administrator invited this address to a staff account: the link sets the name and password. */
export interface StaffInviteEmailProps {
  role: StaffRole;
  /** Who invited, as the portal knows them (name, else email). */
  invitedBy: string;
  /** Absolute URL of the invite page, with the token. */
  inviteUrl: string;
  expiresAt: Date;
  /** Absolute URL of the staff sign-in page. */
  loginUrl: string;
}

export const STAFF_INVITE_TEMPLATE = "staff-invite";

export function staffInviteSubject(props: Pick<StaffInviteEmailProps, "role">): string {
  return `Приглашение в портал Carely: ${STAFF_ROLE_LABEL[props.role].toLowerCase()}`;
}

const styles = {
  heading: { margin: "0 0 12px", fontSize: "22px", lineHeight: "28px", fontWeight: 600, color: emailColors.ink },
  text: { margin: "0 0 12px", fontSize: "16px", lineHeight: "24px", color: emailColors.ink },
  note: { margin: "16px 0 0", fontSize: "14px", lineHeight: "20px", color: emailColors.muted },
} satisfies Record<string, CSSProperties>;

export default function StaffInviteEmail(props: StaffInviteEmailProps) {
  const role = STAFF_ROLE_LABEL[props.role].toLowerCase();
  const until = formatDateTime(props.expiresAt);
  return (
    <EmailLayout preview={`${props.invitedBy} приглашает вас в портал Carely (${role}). Ссылка действует до ${until}.`} cabinetUrl={props.loginUrl} addressSource="invite">
      <Heading as="h1" style={styles.heading}>
        Вас пригласили в портал Carely
      </Heading>
      <Text style={styles.text}>
        {props.invitedBy} приглашает вас в рабочий раздел программы Carely. Ваша роль: {role}.
      </Text>
      <Text style={styles.text}>Откройте ссылку, укажите имя и придумайте пароль — после этого можно будет входить по этой почте и паролю.</Text>
      <EmailAction href={props.inviteUrl} label="Принять приглашение" />
      <Text style={styles.note}>Ссылка действует до {until} (по московскому времени) и срабатывает один раз.</Text>
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderStaffInviteEmail(props: StaffInviteEmailProps): Promise<RenderedEmail> {
  return renderEmail(staffInviteSubject(props), <StaffInviteEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
StaffInviteEmail.PreviewProps = {
  role: "MODERATOR",
  invitedBy: "Администратор Carely",
  inviteUrl: "http://localhost:3000/login/staff/invite/example-token",
  expiresAt: new Date("2026-06-15T11:00:00Z"),
  loginUrl: "http://localhost:3000/login/staff",
} satisfies StaffInviteEmailProps;
