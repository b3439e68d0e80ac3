import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The queue (and a decision page) while it loads: the heading, the tabs, the filters and rows. */
export default function ModerationLoading() {
  return (
    <PageSkeleton label="Загружаем очередь заявок…">
      <div className="space-y-2">
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <div className="flex gap-1 overflow-hidden">
        {[0, 1, 2, 3, 4].map((tab) => (
          <Skeleton key={tab} className="h-9 w-24 shrink-0" />
        ))}
      </div>
      <Skeleton className="h-11 w-full" />
      <div className="divide-y divide-line rounded-2xl bg-white p-5 ring-1 ring-line">
        {[0, 1, 2, 3, 4, 5].map((row) => (
          <div key={row} className="flex items-center justify-between gap-3 py-3">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-48 max-w-full" />
              <Skeleton className="h-3 w-64 max-w-full" />
            </div>
            <Skeleton className="h-6 w-20" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
