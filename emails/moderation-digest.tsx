import { Column, Heading, Link, Row, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate, formatDateTime } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";
import { EmailAction } from "./components/email-action";
import { EmailLayout, emailColors } from "./components/email-layout";
import { type RenderedEmail, renderEmail } from "./render-email";

/** The moderators' morning digest: requests overdue or due by the end of the day. */
export interface ModerationDigestEmailProps {
  /** When the digest was made (its day is the Moscow date). */
  at: Date;
  overdue: number;
  dueToday: number;
  /** The most urgent requests, earliest due first, each with an absolute link to its decision page. */
  items: { id: number; productName: string; dueAt: Date; overdue: boolean; url: string }[];
  /** Absolute URL of the moderation queue, on the tab that matters most. */
  queueUrl: string;
  /** Absolute URL of the moderators' area (the footer's link). */
  areaUrl: string;
}

export const MODERATION_DIGEST_TEMPLATE = "moderation-digest";

export function moderationDigestSubject(props: Pick<ModerationDigestEmailProps, "at" | "overdue" | "dueToday">): string {
  return `Модерация на ${formatDate(props.at)}: просрочено ${props.overdue}, срок сегодня ${props.dueToday}`;
}

export const digestStyles = {
  heading: { margin: "0 0 12px", fontSize: "22px", lineHeight: "28px", fontWeight: 600, color: emailColors.ink },
  text: { margin: "0 0 12px", fontSize: "16px", lineHeight: "24px", color: emailColors.ink },
  subheading: { margin: "20px 0 8px", fontSize: "16px", lineHeight: "22px", fontWeight: 600, color: emailColors.ink },
  figureBox: { borderRadius: "12px", padding: "12px 14px", backgroundColor: emailColors.canvas, border: `1px solid ${emailColors.line}` },
  figureLabel: { margin: 0, fontSize: "13px", lineHeight: "18px", color: emailColors.muted },
  figure: { margin: "2px 0 0", fontSize: "26px", lineHeight: "32px", fontWeight: 700, color: emailColors.ink },
  figureDanger: { margin: "2px 0 0", fontSize: "26px", lineHeight: "32px", fontWeight: 700, color: "#b91c1c" },
  item: { margin: "0", padding: "8px 0", borderTop: `1px solid ${emailColors.line}`, fontSize: "15px", lineHeight: "22px", color: emailColors.ink },
  itemLink: { color: emailColors.brand, fontWeight: 600, textDecoration: "none" },
  late: { color: "#b91c1c", fontWeight: 600 },
  muted: { margin: "8px 0 16px", fontSize: "14px", lineHeight: "20px", color: emailColors.muted },
} satisfies Record<string, CSSProperties>;

export function DigestFigure({ label, value, danger = false }: { label: string; value: number; danger?: boolean }) {
  return (
    <Section style={digestStyles.figureBox}>
      <Text style={digestStyles.figureLabel}>{label}</Text>
      <Text style={danger && value > 0 ? digestStyles.figureDanger : digestStyles.figure}>{value}</Text>
    </Section>
  );
}

export default function ModerationDigestEmail(props: ModerationDigestEmailProps) {
  const total = props.overdue + props.dueToday;
  const more = total - props.items.length;
  const requests = (count: number) => pluralRu(count, ["заявка", "заявки", "заявок"]);
  return (
    <EmailLayout
      preview={`Ждут решения: ${total} ${requests(total)}, из них просрочено ${props.overdue}.`}
      cabinetUrl={props.areaUrl}
      addressSource="staff"
    >
      <Heading as="h1" style={digestStyles.heading}>
        Заявки ждут решения
      </Heading>
      <Text style={digestStyles.text}>
        Сводка на {formatDateTime(props.at)} (мск): {total} {requests(total)} с истёкшим или сегодняшним сроком проверки.
      </Text>
      <Row>
        <Column style={{ width: "50%", paddingRight: "6px" }}>
          <DigestFigure label="Просрочено" value={props.overdue} danger />
        </Column>
        <Column style={{ width: "50%", paddingLeft: "6px" }}>
          <DigestFigure label="Срок сегодня" value={props.dueToday} />
        </Column>
      </Row>

      <Text style={digestStyles.subheading}>Самые срочные</Text>
      {props.items.map((item) => (
        <Text key={item.id} style={digestStyles.item}>
          <Link href={item.url} style={digestStyles.itemLink}>
            Заявка №{item.id}
          </Link>{" "}
          · {item.productName} · срок {formatDateTime(item.dueAt)}
          {item.overdue && <span style={digestStyles.late}> · просрочена</span>}
        </Text>
      ))}
      {more > 0 && (
        <Text style={digestStyles.muted}>
          И ещё {more} {requests(more)} — в очереди модерации.
        </Text>
      )}

      <Section style={{ marginTop: "16px" }}>
        <EmailAction href={props.queueUrl} label="Открыть очередь" fallback={false} />
      </Section>
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderModerationDigestEmail(props: ModerationDigestEmailProps): Promise<RenderedEmail> {
  return renderEmail(moderationDigestSubject(props), <ModerationDigestEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
ModerationDigestEmail.PreviewProps = {
  at: new Date("2026-03-02T06:00:00Z"),
  overdue: 3,
  dueToday: 24,
  items: [
    { id: 1021, productName: "Гель для душа «Морской бриз»", dueAt: new Date("2026-02-27T12:30:00Z"), overdue: true, url: "http://localhost:3000/moderation/requests/1021" },
    { id: 1044, productName: "Шампунь «Мягкий уход»", dueAt: new Date("2026-03-02T11:00:00Z"), overdue: false, url: "http://localhost:3000/moderation/requests/1044" },
  ],
  queueUrl: "http://localhost:3000/moderation?tab=overdue",
  areaUrl: "http://localhost:3000/moderation",
} satisfies ModerationDigestEmailProps;
