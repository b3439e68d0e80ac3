import Link from "next/link";
import { BrandMark } from "@/components/brand-mark";

/** A full-page message for 403/404 and similar dead ends, with a way back. */
export function StatusPage({ code, title, text, linkText }: { code: string; title: string; text: string; linkText: string }) {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-16">
        <p className="text-sm font-medium text-brand-700">{code}</p>
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
        <p className="mt-2 text-muted">{text}</p>
        <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
          {linkText}
        </Link>
      </div>
    </div>
  );
}
