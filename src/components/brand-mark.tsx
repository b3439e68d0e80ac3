import Link from "next/link";

export function BrandMark({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex min-h-11 items-center gap-2 font-semibold tracking-tight text-ink">
      <span aria-hidden className="grid size-8 place-items-center rounded-xl bg-brand-600 text-sm font-bold text-white">C</span>
      <span className="text-lg">Carely</span>
    </Link>
  );
}
