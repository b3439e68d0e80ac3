import Link from "next/link";
import { ownRequestHref } from "@/lib/request-duplicates";
import type { DuplicateWarning } from "./new-request-state";

/**
 * A repeat found before sending, beside the field it concerns: the shopper's own earlier request is a link
 * ("…в заявке №12"), someone else's is only said to exist. A warning, not an error: the request can still go.
 */
export function DuplicateNote({ warning, id }: { warning: DuplicateWarning; id?: string }) {
  const { match, text } = warning;
  const label = match.mine ? `заявке №${match.requestId}` : null;
  const at = label ? text.indexOf(label) : -1;
  return (
    <p id={id} role="status" data-testid="duplicate-warning" className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      {match.mine && at >= 0 ? (
        <>
          {text.slice(0, at)}
          <Link href={ownRequestHref(match.requestId)} className="font-medium underline underline-offset-2">
            {label}
          </Link>
          {text.slice(at + label!.length)}
        </>
      ) : (
        text
      )}
    </p>
  );
}
