import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-12 w-full rounded-xl border border-line bg-white px-4 text-base text-ink placeholder:text-muted/70",
        "focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-200",
        "aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-100",
        className,
      )}
      {...props}
    />
  );
}
