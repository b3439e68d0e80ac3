import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The figures while they are counted: the range form, the four headline cards and two charts. */
export default function FiguresLoading() {
  return (
    <PageSkeleton label="Считаем показатели…">
      <div className="space-y-2">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Skeleton className="h-10 w-44" />
        <Skeleton className="h-10 w-44" />
        <Skeleton className="h-9 w-28" />
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((card) => (
          <div key={card} className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-line">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-8 w-24" />
            <Skeleton className="h-3 w-40" />
          </div>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {[0, 1].map((chart) => (
          <div key={chart} className="rounded-2xl bg-white p-5 ring-1 ring-line">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="mt-4 h-56 w-full" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
