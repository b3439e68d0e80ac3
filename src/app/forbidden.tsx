import Link from "next/link";
import { BrandMark } from "@/components/brand-mark";

export default function Forbidden() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-16">
        <p className="text-sm font-medium text-brand-700">Ошибка 403</p>
        <h1 className="mt-1 text-2xl font-semibold">Нет доступа к этому разделу</h1>
        <p className="mt-2 text-muted">У вашей учётной записи нет прав на эту страницу.</p>
        <Link href="/" className="mt-6 inline-block font-medium text-brand-700 hover:underline">
          Перейти в свой раздел
        </Link>
      </div>
    </div>
  );
}
