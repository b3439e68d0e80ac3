import { Column, Heading, Link, Row, Section, Text } from "@react-email/components";
import { formatDate, formatDateTime } from "@/lib/format";
import { pluralRu } from "@/lib/plural-ru";
import { EmailAction } from "./components/email-action";
import { EmailLayout } from "./components/email-layout";
import { DigestFigure, digestStyles } from "./moderation-digest";
import { type RenderedEmail, renderEmail } from "./render-email";

type DeadlineState = "overdue" | "soon" | null;

/** The brand staff's morning digest: prize orders whose processing or shipping is due within a day or overdue. */
export interface FulfilmentDigestEmailProps {
  /** When the digest was made (its day is the Moscow date). */
  at: Date;
  processingOverdue: number;
  processingSoon: number;
  shippingOverdue: number;
  shippingSoon: number;
  /** Orders in the digest (each once) and how many of them are past a deadline. */
  orders: number;
  overdueOrders: number;
  /** The most urgent orders, each with an absolute link to its staff page. */
  items: {
    id: number;
    prizeTitle: string;
    statusLabel: string;
    processing: DeadlineState;
    processingDueAt: Date;
    shipping: DeadlineState;
    shippingDueAt: Date | null;
    url: string;
  }[];
  /** Absolute URL of the fulfilment queue, on the tab that matters most. */
  queueUrl: string;
  /** Absolute URL of the brand staff's area (the footer's link). */
  areaUrl: string;
}

export const FULFILMENT_DIGEST_TEMPLATE = "fulfilment-digest";

export function fulfilmentDigestSubject(props: Pick<FulfilmentDigestEmailProps, "at" | "orders" | "overdueOrders">): string {
  return `Заказы призов на ${formatDate(props.at)}: просрочено ${props.overdueOrders}, срок в течение суток ${props.orders - props.overdueOrders}`;
}

function Deadline({ what, state, dueAt }: { what: string; state: DeadlineState; dueAt: Date | null }) {
  if (!state || !dueAt) return null;
  return (
    <>
      {" "}
      · {what} до {formatDateTime(dueAt)}
      {state === "overdue" && <span style={digestStyles.late}> (просрочено)</span>}
    </>
  );
}

export default function FulfilmentDigestEmail(props: FulfilmentDigestEmailProps) {
  const more = props.orders - props.items.length;
  const orders = (count: number) => pluralRu(count, ["заказ", "заказа", "заказов"]);
  return (
    <EmailLayout
      preview={`${props.orders} ${orders(props.orders)} пора обработать или отправить, из них с просрочкой ${props.overdueOrders}.`}
      cabinetUrl={props.areaUrl}
      addressSource="staff"
    >
      <Heading as="h1" style={digestStyles.heading}>
        Заказы призов, которые пора обработать
      </Heading>
      <Text style={digestStyles.text}>
        Сводка на {formatDateTime(props.at)} (мск): {props.orders} {orders(props.orders)} с истёкшим сроком или сроком в ближайшие сутки.
      </Text>

      <Text style={digestStyles.subheading}>Обработка (подтверждение заказа)</Text>
      <Row>
        <Column style={{ width: "50%", paddingRight: "6px" }}>
          <DigestFigure label="Просрочено" value={props.processingOverdue} danger />
        </Column>
        <Column style={{ width: "50%", paddingLeft: "6px" }}>
          <DigestFigure label="Срок в течение суток" value={props.processingSoon} />
        </Column>
      </Row>
      <Text style={digestStyles.subheading}>Отправка физических призов</Text>
      <Row>
        <Column style={{ width: "50%", paddingRight: "6px" }}>
          <DigestFigure label="Просрочено" value={props.shippingOverdue} danger />
        </Column>
        <Column style={{ width: "50%", paddingLeft: "6px" }}>
          <DigestFigure label="Срок в течение суток" value={props.shippingSoon} />
        </Column>
      </Row>

      <Text style={digestStyles.subheading}>Самые срочные</Text>
      {props.items.map((item) => (
        <Text key={item.id} style={digestStyles.item}>
          <Link href={item.url} style={digestStyles.itemLink}>
            Заказ №{item.id}
          </Link>{" "}
          · {item.prizeTitle} · {item.statusLabel.toLowerCase()}
          <Deadline what="обработать" state={item.processing} dueAt={item.processingDueAt} />
          <Deadline what="отправить" state={item.shipping} dueAt={item.shippingDueAt} />
        </Text>
      ))}
      {more > 0 && (
        <Text style={digestStyles.muted}>
          И ещё {more} {orders(more)} — в очереди заказов.
        </Text>
      )}

      <Section style={{ marginTop: "16px" }}>
        <EmailAction href={props.queueUrl} label="Открыть заказы" fallback={false} />
      </Section>
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderFulfilmentDigestEmail(props: FulfilmentDigestEmailProps): Promise<RenderedEmail> {
  return renderEmail(fulfilmentDigestSubject(props), <FulfilmentDigestEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
FulfilmentDigestEmail.PreviewProps = {
  at: new Date("2026-03-02T06:00:00Z"),
  processingOverdue: 1,
  processingSoon: 2,
  shippingOverdue: 0,
  shippingSoon: 1,
  orders: 4,
  overdueOrders: 1,
  items: [
    {
      id: 311,
      prizeTitle: "Набор «Уход за лицом»",
      statusLabel: "Оформлен",
      processing: "overdue",
      processingDueAt: new Date("2026-02-27T09:00:00Z"),
      shipping: null,
      shippingDueAt: new Date("2026-03-27T09:00:00Z"),
      url: "http://localhost:3000/staff/orders/311",
    },
  ],
  queueUrl: "http://localhost:3000/staff/orders?tab=overdue",
  areaUrl: "http://localhost:3000/staff",
} satisfies FulfilmentDigestEmailProps;
