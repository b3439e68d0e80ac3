import "server-only";
import { env } from "@/server/config/env";

/** An absolute link into the portal for messages read outside it (emails). */
export function portalUrl(path: string): string {
  const base = env().NEXTAUTH_URL ?? "http://localhost:3000";
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}
