import { formatRoubles } from "@/lib/format";
import { RECEIPT_PRODUCT_VERDICT_TEXT, type ReceiptProductVerdict } from "@/lib/rules/receipt-line-match";
import type { ReceiptProductsView } from "@/server/receipts/receipt-products";

const VERDICT_TONE: Record<ReceiptProductVerdict, string> = {
  SELECTED_PRODUCT: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  OTHER_BRAND_PRODUCT: "bg-amber-50 text-amber-900 ring-amber-200",
  NO_BRAND_PRODUCT: "bg-red-50 text-red-800 ring-red-200",
};

/** The confirmed receipt's lines, the brand's highlighted with the product each is, under the verdict for the request's product. */
export function ReceiptProducts({ view }: { view: ReceiptProductsView }) {
  const brandLines = view.lines.filter((line) => line.productNames.length > 0).length;
  return (
    <div className="space-y-2" data-testid="receipt-products" data-verdict={view.verdict}>
      <p className={`inline-block rounded-lg px-2.5 py-1 text-sm font-medium ring-1 ${VERDICT_TONE[view.verdict]}`} data-testid="receipt-product-verdict">
        {RECEIPT_PRODUCT_VERDICT_TEXT[view.verdict]}
        {view.verdict === "SELECTED_PRODUCT" && !view.certain && " (строка подходит и к другому продукту)"}
        {view.verdict === "NO_BRAND_PRODUCT" && !view.certain && " — но в одной из строк есть слово бренда: проверьте строки"}
      </p>
      <details open={view.lines.length <= 8} className="group">
        <summary className="min-h-11 cursor-pointer py-2 text-muted">
          Строки чека: {view.lines.length}
          {brandLines > 0 && `, бренда — ${brandLines}`}
        </summary>
        <ul className="divide-y divide-line rounded-lg bg-white ring-1 ring-line">
          {view.lines.map((line, index) => (
            <li
              key={index}
              data-testid="receipt-line"
              data-brand={line.productNames.length > 0 || undefined}
              className={`flex items-start justify-between gap-3 px-3 py-2 ${line.selected ? "bg-emerald-50" : line.productNames.length > 0 ? "bg-amber-50" : ""}`}
            >
              <span className="min-w-0 break-words">
                <span className={line.productNames.length > 0 ? "font-medium text-ink" : "text-muted"}>{line.name}</span>
                {line.productNames.length > 0 && <span className="block text-xs text-muted">{line.productNames.join(" или ")}</span>}
              </span>
              <span className="shrink-0 whitespace-nowrap tabular-nums text-muted">
                {line.quantity !== 1 && `${line.quantity} шт. · `}
                {formatRoubles(line.sumKopecks)}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
