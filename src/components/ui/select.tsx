import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A native select the height of `Input`, red-bordered while marked invalid. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn("h-12 w-full rounded-xl border border-line bg-white px-3 text-base aria-[invalid=true]:border-red-500", className)} {...props} />;
}
