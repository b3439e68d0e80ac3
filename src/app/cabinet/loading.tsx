import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The cabinet's pages while they load: the balance card and a list, as the overview lays them out. */
export default function CabinetLoading() {
  return (
    <PageSkeleton label="Загружаем кабинет…">
      <div className="rounded-2xl bg-gradient-to-br from-brand-600/80 to-brand-700/80 p-5">
        <Skeleton className="h-4 w-24 bg-white/30" />
        <Skeleton className="mt-3 h-10 w-40 bg-white/30" />
        <Skeleton className="mt-4 h-4 w-3/4 bg-white/30" />
        <div className="mt-4 flex gap-2">
          <Skeleton className="h-11 w-36 bg-white/40" />
          <Skeleton className="h-11 w-28 bg-white/20" />
        </div>
      </div>
      <div className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-line">
        <Skeleton className="h-5 w-40" />
        {[0, 1, 2, 3].map((row) => (
          <div key={row} className="flex items-center justify-between gap-4 py-1">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-1/2" />
              <Skeleton className="h-3 w-1/3" />
            </div>
            <Skeleton className="h-5 w-14" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
