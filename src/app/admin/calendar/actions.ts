"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES, requireActorRole } from "@/server/auth/session";
import { removeCalendarDay, removeCalendarDayInput } from "@/server/domain/calendar/remove-calendar-day";
import { type SetCalendarDayResult, setCalendarDay, setCalendarDayInput } from "@/server/domain/calendar/set-calendar-day";
import { type ActionResult, toActionError } from "@/server/errors";

export async function setCalendarDayAction(input: unknown): Promise<ActionResult<SetCalendarDayResult>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await setCalendarDay(actor, setCalendarDayInput.parse(input));
    revalidatePath("/admin/calendar");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "set-calendar-day");
  }
}

export async function removeCalendarDayAction(input: unknown): Promise<ActionResult<{ date: string; rescheduled: number }>> {
  try {
    const actor = await requireActorRole(AREA_ROLES.admin);
    const result = await removeCalendarDay(actor, removeCalendarDayInput.parse(input));
    revalidatePath("/admin/calendar");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error, "remove-calendar-day");
  }
}
