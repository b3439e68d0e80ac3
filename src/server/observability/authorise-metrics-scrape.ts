import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/server/config/env";
import { AppError } from "@/server/errors";

/**
 * /api/metrics answers only `Authorization: Bearer <METRICS_TOKEN>`: 401 without it or with another token,
 * and 404 while METRICS_TOKEN is unset (the endpoint is off, as if it did not exist). The comparison takes
 * the same time whatever the guess (both sides hashed to equal lengths first).
 */
export function authoriseMetricsScrape(authorization: string | null): void {
  const token = env().METRICS_TOKEN;
  if (!token) throw new AppError("NOT_FOUND", "Страница не найдена.");
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(presented), digest(token))) throw new AppError("UNAUTHENTICATED", "Нужен токен метрик.");
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
