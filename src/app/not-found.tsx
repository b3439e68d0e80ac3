import Link from "next/link";
import { BrandMark } from "@/components/brand-mark";

export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-16">
        <p className="text-sm font-medium text-brand-700">Ошибка 404</p>
        <h1 className="mt-1 text-2xl font-semibold">Страница не найдена</h1>
        <p className="mt-2 text-muted">Возможно, ссылка устарела или в ней опечатка.</p>
        <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
          На главную
        </Link>
      </div>
    </div>
  );
}
