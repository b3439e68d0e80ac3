import type { Metadata } from "next";
import Link from "next/link";
import { BrandMark } from "@/components/brand-mark";
import { StaffSignInForm } from "./staff-sign-in-form";

export const metadata: Metadata = { title: "Вход для сотрудников" };

export default function StaffLoginPage() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-4 py-6">
      <BrandMark />
      <div className="mt-10 flex-1">
        <h1 className="text-2xl font-semibold tracking-tight">Вход для сотрудников</h1>
        <p className="mt-2 text-[15px] text-muted">Модераторы, сотрудники бренда и администраторы.</p>
        <div className="mt-8">
          <StaffSignInForm />
        </div>
      </div>
      <p className="mt-10 text-center text-sm text-muted">
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Вход для участников программы
        </Link>
      </p>
    </div>
  );
}
