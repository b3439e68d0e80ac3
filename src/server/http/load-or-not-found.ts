import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/server/errors";

/**
 * For pages addressed by a numeric id: a malformed id or a NOT_FOUND from the domain shows the 404
 * page (never revealing whether someone else's record exists); other errors propagate.
 */
export async function loadByIdOrNotFound<T>(rawId: string, load: (id: number) => Promise<T>): Promise<T> {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await load(id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
