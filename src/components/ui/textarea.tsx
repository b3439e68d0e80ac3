import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A multi-line field in the style of `Input`, red-bordered while marked invalid. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn("w-full rounded-xl border border-line bg-white p-3 text-base focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500", className)}
      {...props}
    />
  );
}
