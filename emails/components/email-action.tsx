import { Button, Link, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { emailColors } from "./email-layout";

const buttonStyle: CSSProperties = {
  display: "inline-block",
  backgroundColor: emailColors.brand,
  color: "#ffffff",
  borderRadius: "12px",
  padding: "12px 20px",
  fontSize: "16px",
  fontWeight: 600,
  textDecoration: "none",
};
const fallbackStyle: CSSProperties = { margin: "16px 0 0", fontSize: "13px", lineHeight: "20px", color: emailColors.muted, wordBreak: "break-all" };

/** Links in email text: the brand colour. */
export const emailLinkStyle: CSSProperties = { color: emailColors.brand };

/**
 * The email's main action as a button, and (unless `fallback` is false) the same link written out for
 * mail clients that do not make the button clickable. The text part already shows the link beside the
 * button, so the written-out line is skipped there.
 */
export function EmailAction({ href, label, fallback = true }: { href: string; label: string; fallback?: boolean }) {
  return (
    <>
      <Button href={href} style={buttonStyle}>
        {label}
      </Button>
      {fallback && (
        <Text style={fallbackStyle} data-skip-in-text="true">
          Если кнопка не нажимается, откройте ссылку:{" "}
          <Link href={href} style={emailLinkStyle}>
            {href}
          </Link>
        </Text>
      )}
    </>
  );
}
