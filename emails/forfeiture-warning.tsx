import { Heading, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate } from "@/lib/format";
import { pointsWillBurn } from "@/lib/forfeiture-text";
import { pluralRu } from "@/lib/plural-ru";
import { LAST_FORFEITURE_WARNING_DAYS } from "@/lib/rules/forfeiture-warnings";
import { EmailAction } from "./components/email-action";
import { EmailLayout, emailColors } from "./components/email-layout";
import { type RenderedEmail, renderEmail } from "./render-email";

/** The shopper's points will be forfeited soon unless they order a prize (sent FORFEITURE_WARNING_DAYS before). */
export interface ForfeitureWarningEmailProps {
  /** The balance that will be written off. */
  points: number;
  /** When it will be: the inactivity clock plus the programme's forfeiture months. */
  forfeitAt: Date;
  /** Which warning this is: days before (one of FORFEITURE_WARNING_DAYS). */
  daysBefore: number;
  /** The programme's forfeiture period, to explain the rule. */
  months: number;
  /** Absolute URL of the prize catalogue in the cabinet. */
  prizesUrl: string;
  /** Absolute URL of the cabinet, where the address can be changed or removed. */
  cabinetUrl: string;
}

export const FORFEITURE_WARNING_TEMPLATE = "forfeiture-warning";

export function forfeitureWarningSubject(props: Pick<ForfeitureWarningEmailProps, "points" | "forfeitAt">): string {
  return `${pointsWillBurn(props.points)} ${formatDate(props.forfeitAt)} — выберите приз`;
}

const styles = {
  heading: { margin: "0 0 12px", fontSize: "22px", lineHeight: "28px", fontWeight: 600, color: emailColors.ink },
  text: { margin: "0 0 12px", fontSize: "16px", lineHeight: "24px", color: emailColors.ink },
  label: { margin: "2px 0 0", fontSize: "13px", lineHeight: "18px", color: emailColors.muted },
  points: { margin: 0, fontSize: "28px", lineHeight: "34px", fontWeight: 700, color: emailColors.brand },
  pointsBox: { backgroundColor: emailColors.brandSoft, borderLeft: `4px solid ${emailColors.brand}`, borderRadius: "12px", padding: "14px 16px", margin: "4px 0 16px" },
} satisfies Record<string, CSSProperties>;

export default function ForfeitureWarningEmail(props: ForfeitureWarningEmailProps) {
  const date = formatDate(props.forfeitAt);
  const period = `${props.months} ${pluralRu(props.months, ["месяц", "месяца", "месяцев"])}`;
  return (
    <EmailLayout preview={`${pointsWillBurn(props.points)} ${date}, если не оформить заказ приза.`} cabinetUrl={props.cabinetUrl}>
      <Heading as="h1" style={styles.heading}>
        {props.daysBefore <= LAST_FORFEITURE_WARNING_DAYS ? "Осталась неделя, чтобы потратить баллы" : "Баллы скоро сгорят"}
      </Heading>
      <Text style={styles.text}>
        Здравствуйте! Баллы сгорают, если {period} не оформлять заказ приза. Ваши баллы сгорят {date}, если до этого дня не заказать приз.
      </Text>
      <Section style={styles.pointsBox}>
        <Text style={styles.points}>{pointsWillBurn(props.points)}</Text>
        <Text style={styles.label}>{date}, если не оформить заказ приза</Text>
      </Section>
      <Text style={styles.text}>Закажите любой приз — и оставшиеся баллы сохранятся ещё на {period}.</Text>
      <EmailAction href={props.prizesUrl} label="Выбрать приз" />
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderForfeitureWarningEmail(props: ForfeitureWarningEmailProps): Promise<RenderedEmail> {
  return renderEmail(forfeitureWarningSubject(props), <ForfeitureWarningEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
ForfeitureWarningEmail.PreviewProps = {
  points: 1500,
  forfeitAt: new Date("2026-06-15T11:00:00Z"),
  daysBefore: 7,
  months: 6,
  prizesUrl: "http://localhost:3000/cabinet/prizes",
  cabinetUrl: "http://localhost:3000/cabinet",
} satisfies ForfeitureWarningEmailProps;
