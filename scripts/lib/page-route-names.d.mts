export function pageRouteNamer(distDir: string): (url: string | undefined, headers: Record<string, string | string[] | undefined>) => string | null;
