import type { HTMLAttributes } from "react";
import { cn } from "@/lib/cn";

const tones = {
  error: "bg-red-50 text-red-800 ring-red-200",
  info: "bg-brand-50 text-brand-900 ring-brand-200",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
} as const;

export function Alert({ tone = "info", className, ...props }: HTMLAttributes<HTMLDivElement> & { tone?: keyof typeof tones }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-xl px-4 py-3 text-sm ring-1", tones[tone], className)}
      {...props}
    />
  );
}
