import { formatDateTime, formatRoubles } from "@/lib/format";

interface DecodedReceipt {
  purchasedAt: Date | null;
  totalKopecks: number | null;
  fiscalDriveNumber: string | null;
  fiscalDocumentNumber: string | null;
  fiscalSign: string | null;
  problem: string | null;
}

/** What the server read from the receipt's QR code: on the decision page and beside the receipt in the viewer. */
export function ReceiptFields({ receipt, layout = "line" }: { receipt: DecodedReceipt; layout?: "line" | "list" }) {
  if (!receipt.purchasedAt || receipt.totalKopecks === null) {
    return <p className="text-amber-800">{receipt.problem ?? "QR-код не распознан"}: проверьте фото вручную.</p>;
  }
  if (layout === "line") {
    return (
      <p>
        Чек: {formatDateTime(receipt.purchasedAt)}, {formatRoubles(receipt.totalKopecks)} · ФН {receipt.fiscalDriveNumber}, ФД {receipt.fiscalDocumentNumber}, ФП {receipt.fiscalSign}
      </p>
    );
  }
  const rows: [string, string][] = [
    ["Дата и время", formatDateTime(receipt.purchasedAt)],
    ["Сумма", formatRoubles(receipt.totalKopecks)],
    ["ФН", receipt.fiscalDriveNumber ?? "—"],
    ["ФД", receipt.fiscalDocumentNumber ?? "—"],
    ["ФП", receipt.fiscalSign ?? "—"],
  ];
  return (
    <div className="space-y-2" data-testid="receipt-fields">
      <h2 className="font-semibold">Данные из QR-кода</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd className="break-all font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted">Сверьте с чеком на фото: жёлтая рамка — там, где сервер прочитал код.</p>
    </div>
  );
}
