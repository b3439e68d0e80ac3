import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { BrandMark } from "@/components/brand-mark";
import { PhoneSignInForm } from "./phone-sign-in-form";
import { SignedOutNotice } from "./signed-out-notice";

export const metadata: Metadata = { title: "Вход" };

export default function LoginPage() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-10 flex-1">
        <h1 className="text-2xl font-semibold tracking-tight">Баллы за честные отзывы</h1>
        <p className="mt-2 text-[15px] leading-relaxed text-muted">
          {/* No amounts here: they are programme settings an administrator may change, and this page reads no
              data (it must answer fast). The cabinet shows the current ones. */}
          Оставьте отзыв о продукте Carely, загрузите скриншот и чек — получите баллы за отзыв и ещё за чек.
          Обменивайте баллы на призы.
        </p>
        <Suspense fallback={null}>
          <SignedOutNotice />
        </Suspense>
        <div className="mt-8">
          <PhoneSignInForm />
        </div>
      </div>
      <p className="mt-10 text-center text-sm text-muted">
        Вы сотрудник?{" "}
        <Link href="/login/staff" className="font-medium text-brand-700 hover:underline">
          Вход для сотрудников
        </Link>
      </p>
    </div>
  );
}
