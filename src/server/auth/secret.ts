import "server-only";
import { env } from "@/server/config/env";

/** NEXTAUTH_SECRET signs sessions and code hashes; scripts/start generates one for local runs. */
export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (npm start and npm test set it automatically)");
  return secret;
}
