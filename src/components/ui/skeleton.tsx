import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A grey placeholder block the shape of what is loading. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden className={cn("animate-pulse rounded-xl bg-line/80 motion-reduce:animate-none", className)} {...props} />;
}

/** A page's loading state (loading.tsx): its skeleton, announced once to screen readers. */
export function PageSkeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" data-testid="page-skeleton" className="space-y-5">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
