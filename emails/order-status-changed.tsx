import { Heading, Link, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import type { Carrier } from "@/generated/prisma/enums";
import { formatDate, formatPoints } from "@/lib/format";
import { CARRIER_LABEL } from "@/lib/tracking";
import { pluralRu } from "@/lib/plural-ru";
import { EmailAction, emailLinkStyle } from "./components/email-action";
import { type EmailAddressSource, EmailLayout, emailColors } from "./components/email-layout";
import { type RenderedEmail, renderEmail } from "./render-email";

/** Staff moved a shopper's prize order on: one email per status the shopper should hear about. */
export type OrderStatusChange =
  | { status: "APPROVED"; kind: "PHYSICAL"; shippingDueAt: Date | null }
  | {
      status: "APPROVED";
      kind: "DIGITAL";
      /** The prize's code, in full: this email is how the shopper receives it. */
      code: string;
      partnerName: string;
      /** The prize's description, which says how to use the code (shown when there is one). */
      howToUse: string | null;
    }
  | { status: "SHIPPED"; carrier: Carrier; trackingNumber: string; trackingUrl: string; pickupPointAddress: string | null }
  | { status: "DELIVERED" }
  | { status: "CANCELLED"; reason: string; pointsRefunded: number };

export type OrderStatusEmailProps = OrderStatusChange & {
  orderId: number;
  prizeTitle: string;
  /** Absolute URL of the order's page in the cabinet. */
  orderUrl: string;
  /** Absolute URL of the cabinet. */
  cabinetUrl: string;
  /** Digital orders write to the address given at ordering; physical ones to the cabinet's notification address. */
  addressSource: EmailAddressSource;
};

export const ORDER_STATUS_TEMPLATE = "order-status-changed";

function pointsLabel(points: number): string {
  return `${formatPoints(points)} ${pluralRu(points, ["балл", "балла", "баллов"])}`;
}

export function orderStatusSubject(props: Pick<OrderStatusEmailProps, "orderId" | "prizeTitle"> & OrderStatusChange): string {
  switch (props.status) {
    case "APPROVED":
      return props.kind === "DIGITAL" ? `Ваш код: «${props.prizeTitle}» (заказ №${props.orderId})` : `Заказ №${props.orderId} подтверждён: «${props.prizeTitle}»`;
    case "SHIPPED":
      return `Заказ №${props.orderId} отправлен: трек-номер ${props.trackingNumber}`;
    case "DELIVERED":
      return `Заказ №${props.orderId} доставлен`;
    case "CANCELLED":
      return `Заказ №${props.orderId} отменён, баллы возвращены`;
  }
}

const styles = {
  heading: { margin: "0 0 12px", fontSize: "22px", lineHeight: "28px", fontWeight: 600, color: emailColors.ink },
  text: { margin: "0 0 12px", fontSize: "16px", lineHeight: "24px", color: emailColors.ink },
  label: { margin: "0 0 4px", fontSize: "13px", lineHeight: "18px", color: emailColors.muted },
  codeBox: { backgroundColor: emailColors.successSoft, borderRadius: "12px", padding: "14px 16px", margin: "4px 0 16px", textAlign: "center" },
  code: { margin: 0, fontSize: "24px", lineHeight: "32px", fontWeight: 700, letterSpacing: "1px", color: emailColors.ink, fontFamily: "'SFMono-Regular', Menlo, Consolas, monospace", wordBreak: "break-all" },
  infoBox: { backgroundColor: emailColors.brandSoft, borderLeft: `4px solid ${emailColors.brand}`, borderRadius: "8px", padding: "12px 16px", margin: "4px 0 16px" },
  infoText: { margin: 0, fontSize: "16px", lineHeight: "24px", color: emailColors.ink, wordBreak: "break-word" },
  points: { margin: 0, fontSize: "24px", lineHeight: "30px", fontWeight: 700, color: emailColors.success },
} satisfies Record<string, CSSProperties>;

/** Text as typed by staff (a reason, a description): line breaks kept, escaped by React like any text. */
function Lines({ text }: { text: string }) {
  return (
    <Text style={styles.infoText}>
      {text.split(/\r?\n/).map((line, index) => (
        <span key={index}>
          {index > 0 && <br />}
          {line}
        </span>
      ))}
    </Text>
  );
}

function StatusBody(props: OrderStatusEmailProps) {
  switch (props.status) {
    case "APPROVED":
      if (props.kind === "DIGITAL") {
        return (
          <>
            <Heading as="h1" style={styles.heading}>
              Ваш код готов
            </Heading>
            <Text style={styles.text}>
              Здравствуйте! Заказ №{props.orderId} подтверждён. Вот ваш код на «{props.prizeTitle}» от {props.partnerName}:
            </Text>
            <Section style={styles.codeBox}>
              <Text style={styles.code}>
                {props.code}
              </Text>
            </Section>
            <Text style={styles.label}>Как воспользоваться:</Text>
            <Section style={styles.infoBox}>
              {props.howToUse ? (
                <Lines text={props.howToUse} />
              ) : (
                <Text style={styles.infoText}>Введите код на сайте или в приложении {props.partnerName} при оформлении или активации.</Text>
              )}
            </Section>
            <Text style={styles.text}>Код действует один раз. Не пересылайте это письмо и не показывайте код другим — им сможет воспользоваться любой.</Text>
          </>
        );
      }
      return (
        <>
          <Heading as="h1" style={styles.heading}>
            Заказ подтверждён
          </Heading>
          <Text style={styles.text}>
            Здравствуйте! Мы подтвердили заказ №{props.orderId} на «{props.prizeTitle}» и готовим его к отправке
            {props.shippingDueAt ? ` — отправим не позже ${formatDate(props.shippingDueAt)}` : ""}. Когда посылка уйдёт, пришлём трек-номер.
          </Text>
        </>
      );
    case "SHIPPED":
      return (
        <>
          <Heading as="h1" style={styles.heading}>
            Заказ отправлен
          </Heading>
          <Text style={styles.text}>
            Здравствуйте! Заказ №{props.orderId} на «{props.prizeTitle}» передан в {CARRIER_LABEL[props.carrier]}.
            {props.pickupPointAddress ? ` Пункт выдачи: ${props.pickupPointAddress}.` : ""}
          </Text>
          <Text style={styles.label}>Трек-номер {CARRIER_LABEL[props.carrier]}:</Text>
          <Section style={styles.codeBox}>
            <Text style={styles.code}>{props.trackingNumber}</Text>
          </Section>
          <Text style={styles.text}>
            Следите за посылкой на{" "}
            <Link href={props.trackingUrl} style={emailLinkStyle}>
              сайте {CARRIER_LABEL[props.carrier]}
            </Link>
            . Когда она придёт в пункт выдачи, возьмите с собой паспорт.
          </Text>
        </>
      );
    case "DELIVERED":
      return (
        <>
          <Heading as="h1" style={styles.heading}>
            Заказ доставлен
          </Heading>
          <Text style={styles.text}>Здравствуйте! Заказ №{props.orderId} на «{props.prizeTitle}» доставлен. Спасибо, что участвуете в программе Carely!</Text>
        </>
      );
    case "CANCELLED":
      return (
        <>
          <Heading as="h1" style={styles.heading}>
            Заказ отменён
          </Heading>
          <Text style={styles.text}>Здравствуйте! Заказ №{props.orderId} на «{props.prizeTitle}» отменён.</Text>
          <Text style={styles.label}>Причина:</Text>
          <Section style={styles.infoBox}>
            <Lines text={props.reason} />
          </Section>
          <Section style={{ ...styles.codeBox, textAlign: "left" }}>
            <Text style={styles.points}>+{pointsLabel(props.pointsRefunded)}</Text>
            <Text style={{ ...styles.label, margin: "2px 0 0" }}>вернулись на ваш счёт — их можно снова обменять на призы</Text>
          </Section>
        </>
      );
  }
}

function previewOf(props: OrderStatusEmailProps): string {
  switch (props.status) {
    case "APPROVED":
      return props.kind === "DIGITAL" ? `Заказ №${props.orderId} подтверждён: ваш код внутри письма.` : `Заказ №${props.orderId} подтверждён и готовится к отправке.`;
    case "SHIPPED":
      return `Трек-номер ${CARRIER_LABEL[props.carrier]}: ${props.trackingNumber}.`;
    case "DELIVERED":
      return `Заказ №${props.orderId} доставлен.`;
    case "CANCELLED":
      return `Заказ №${props.orderId} отменён, ${pointsLabel(props.pointsRefunded)} вернулись на счёт.`;
  }
}

export default function OrderStatusChangedEmail(props: OrderStatusEmailProps) {
  return (
    <EmailLayout preview={previewOf(props)} cabinetUrl={props.cabinetUrl} addressSource={props.addressSource}>
      <StatusBody {...props} />
      <EmailAction href={props.orderUrl} label="Открыть заказ" />
    </EmailLayout>
  );
}

/** Subject, HTML and plain text, ready for the outbox. */
export async function renderOrderStatusEmail(props: OrderStatusEmailProps): Promise<RenderedEmail> {
  return renderEmail(orderStatusSubject(props), <OrderStatusChangedEmail {...props} />);
}

/** Example data for the React Email preview (`email dev`), should anyone run it. */
OrderStatusChangedEmail.PreviewProps = {
  orderId: 512,
  prizeTitle: "Подписка на онлайн-кинотеатр, 3 месяца",
  status: "APPROVED",
  kind: "DIGITAL",
  code: "CRL-7F3K-92QX",
  partnerName: "Кинопоиск",
  howToUse: "Откройте kinopoisk.ru/promo и введите код.\nПодписка начнётся сразу.",
  orderUrl: "http://localhost:3000/cabinet/orders/512",
  cabinetUrl: "http://localhost:3000/cabinet",
  addressSource: "order",
} satisfies OrderStatusEmailProps;
