import { Heading, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatPoints } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";
import { EmailAction } from "./components/email-action";
import { EmailLayout, emailColors } from "./components/email-layout";
import { type RenderedEmail, renderEmail } from "./render-email";

/** A moderator approved or rejected one part (the review or the receipt) of a shopper's request. */
export interface RequestDecidedEmailProps {
  requestId: number;
  part: "REVIEW" | "RECEIPT";
  decision: "APPROVED" | "REJECTED";
  /** Points credited by an approval (0 for a rejection). */
  points: number;
  /** The moderator's comment: always present on a rejection, optional on an approval. */
  comment?: string | null;
  /** Absolute URL of the request's page in the cabinet. */
  requestUrl: string;
  /** Absolute URL of the cabinet, where the address can be changed or removed. */
  cabinetUrl: string;
}

export const REQUEST_DECIDED_TEMPLATE = "request-decided";

const PART = { REVIEW: { name: "отзыв", title: "Отзыв" }, RECEIPT: { name: "чек", title: "Чек" } } as const;

function pointsLabel(points: number): string {
  return `+${formatPoints(points)} ${pluralRu(points, ["балл", "балла", "баллов"])}`;
}

export function requestDecidedSubject(props: Pick<RequestDecidedEmailProps, "requestId" | "part" | "decision" | "points">): string {
  const part = PART[props.part].name;
  return props.decision === "APPROVED"
    ? `Заявка №${props.requestId}: ${part} одобрен, ${pointsLabel(props.points)}`
    : `Заявка №${props.requestId}: ${part} отклонён`;
}

const styles = {
  heading: { margin: "0 0 12px", fontSize: "22px", lineHeight: "28px", fontWeight: 600, color: emailColors.ink },
  text: { margin: "0 0 12px", fontSize: "16px", lineHeight: "24px", color: emailColors.ink },
  label: { margin: "0 0 4px", fontSize: "13px", lineHeight: "18px", color: emailColors.muted },
  points: { margin: 0, fontSize: "28px", lineHeight: "34px", fontWeight: 700, color: emailColors.success },
  pointsBox: { backgroundColor: emailColors.successSoft, borderRadius: "12px", padding: "14px 16px", margin: "4px 0 16px" },
  commentBox: {
    backgroundColor: emailColors.brandSoft,
    borderLeft: `4px solid ${emailColors.brand}`,
    borderRadius: "8px",
    padding: "12px 16px",
    margin: "4px 0 16px",
  },
  comment: { margin: 0, fontSize: "16px", lineHeight: "24px", color: emailColors.ink, wordBreak: "break-word" },
} satisfies Record<string, CSSProperties>;

/** The inbox shows one short line next to the subject. */
function previewOf(comment: string): string {
  const line = comment.replace(/\s+/g, " ");
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The moderator's comment as typed: line breaks kept, text escaped by React like any other text. */
function CommentLines({ comment }: { comment: string }) {
  const lines = comment.split(/\r?\n/);
  return (
    <Text style={styles.comment}>
      {lines.map((line, index) => (
        <span key={index}>
          {index > 0 && <br />}
          {line}
        </span>
      ))}
    </Text>
  );
}

export default function RequestDecidedEmail(props: RequestDecidedEmailProps) {
  const part = PART[props.part];
  const approved = props.decision === "APPROVED";
  const comment = props.comment?.trim() || null;
  const preview = approved
    ? `Модератор одобрил ${part.name} в заявке №${props.requestId}: ${pointsLabel(props.points)}.`
    : `Модератор отклонил ${part.name} в заявке №${props.requestId}. ${comment ? `Комментарий: ${previewOf(comment)}` : ""}`.trim();
  return (
    <EmailLayout preview={preview} cabinetUrl={props.cabinetUrl}>
      <Heading as="h1" style={styles.heading}>
        {approved ? `${part.title} одобрен` : `${part.title} не принят`}
      </Heading>
      <Text style={styles.text}>
        Здравствуйте! Модератор проверил заявку №{props.requestId} и {approved ? "одобрил" : "отклонил"} {part.name}.
      </Text>

      {approved && (
        <Section style={styles.pointsBox}>
          <Text style={styles.points}>{pointsLabel(props.points)}</Text>
          <Text style={{ ...styles.label, margin: "2px 0 0" }}>уже на вашем счёте — их можно обменять на призы в кабинете</Text>
        </Section>
      )}

      {comment && (
        <>
          <Text style={styles.label}>Комментарий модератора:</Text>
          <Section style={styles.commentBox}>
            <CommentLines comment={comment} />
          </Section>
        </>
      )}

      {!approved && (
        <Text style={styles.text}>
          Исправьте замечание и отправьте новые фото на странице заявки — она снова попадёт на проверку.
        </Text>
      )}

      <EmailAction href={props.requestUrl} label="Открыть заявку" />
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderRequestDecidedEmail(props: RequestDecidedEmailProps): Promise<RenderedEmail> {
  return renderEmail(requestDecidedSubject(props), <RequestDecidedEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
RequestDecidedEmail.PreviewProps = {
  requestId: 1024,
  part: "RECEIPT",
  decision: "REJECTED",
  points: 0,
  comment: "QR-код на фото не читается.\nСфотографируйте чек ближе, без бликов.",
  requestUrl: "http://localhost:3000/cabinet/requests/1024",
  cabinetUrl: "http://localhost:3000/cabinet",
} satisfies RequestDecidedEmailProps;
