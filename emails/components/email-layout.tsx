import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

// The frame every Carely email shares: brand header, one white card, the "why you got this" footer.
// Inline styles only: many mail clients drop <style> blocks. One 560px column that shrinks on phones.

export const emailColors = {
  brand: "#c22f69",
  brandSoft: "#fdf2f6",
  brandLine: "#f7cde0",
  ink: "#1f1a24",
  muted: "#6b6472",
  line: "#ebe6ee",
  canvas: "#faf8fb",
  success: "#047857",
  successSoft: "#ecfdf5",
} as const;

const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const styles = {
  body: { backgroundColor: emailColors.canvas, margin: 0, padding: "24px 0", fontFamily, color: emailColors.ink },
  container: { width: "100%", maxWidth: "560px", margin: "0 auto", padding: "0 12px" },
  brand: { margin: "0 0 16px", fontSize: "18px", fontWeight: 700, color: emailColors.ink },
  brandMark: {
    display: "inline-block",
    width: "28px",
    height: "28px",
    lineHeight: "28px",
    borderRadius: "8px",
    backgroundColor: emailColors.brand,
    color: "#ffffff",
    textAlign: "center",
    fontSize: "14px",
    marginRight: "8px",
  },
  card: { backgroundColor: "#ffffff", borderRadius: "16px", border: `1px solid ${emailColors.line}`, padding: "24px 20px" },
  footer: { fontSize: "12px", lineHeight: "18px", color: emailColors.muted, margin: "8px 4px" },
  footerLink: { color: emailColors.muted, textDecoration: "underline" },
} satisfies Record<string, CSSProperties>;

/**
 * Why the email came to this address: the cabinet's notification address (the default), an order's
 * delivery address, or a staff account's sign-in address (the daily digests; `cabinetUrl` is then the
 * staff member's area of the portal), or an invite to a staff account (`cabinetUrl` is then the staff
 * sign-in page).
 */
export type EmailAddressSource = "contact" | "order" | "staff" | "invite";

export function EmailLayout({
  preview,
  cabinetUrl,
  children,
  addressSource = "contact",
}: {
  preview: string;
  cabinetUrl: string;
  children: ReactNode;
  addressSource?: EmailAddressSource;
}) {
  return (
    <Html lang="ru">
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>
            <span style={styles.brandMark} data-skip-in-text="true">
              C
            </span>
            Carely
          </Text>
          <Section style={styles.card}>{children}</Section>
          <Hr style={{ borderColor: emailColors.line, margin: "20px 0 8px" }} />
          {addressSource === "invite" ? (
            <Text style={styles.footer}>
              Вы получили это письмо, потому что администратор программы Carely пригласил этот адрес в{" "}
              <Link href={cabinetUrl} style={styles.footerLink}>
                рабочий раздел портала
              </Link>
              . Если вы не ждали приглашения, просто не открывайте ссылку: без неё учётная запись не появится. Письмо
              отправлено автоматически — отвечать на него не нужно.
            </Text>
          ) : addressSource === "staff" ? (
            <Text style={styles.footer}>
              Вы получили это письмо как сотрудник программы Carely: сводка приходит по утрам, когда есть срочная работа. Всё
              остальное — в{" "}
              <Link href={cabinetUrl} style={styles.footerLink}>
                рабочем разделе портала
              </Link>
              . Письмо отправлено автоматически — отвечать на него не нужно.
            </Text>
          ) : addressSource === "order" ? (
            <Text style={styles.footer}>
              Вы получили это письмо, потому что указали этот адрес при заказе приза в{" "}
              <Link href={cabinetUrl} style={styles.footerLink}>
                кабинете Carely
              </Link>
              . Письмо отправлено автоматически — отвечать на него не нужно.
            </Text>
          ) : (
            <Text style={styles.footer}>
              Вы получили это письмо, потому что указали этот адрес для уведомлений в личном кабинете Carely. Изменить адрес
              или отказаться от писем можно в{" "}
              <Link href={cabinetUrl} style={styles.footerLink}>
                кабинете
              </Link>
              . Письмо отправлено автоматически — отвечать на него не нужно.
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}
