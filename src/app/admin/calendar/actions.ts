"use server";

import { revalidatePath } from "next/cache";
import { AREA_ROLES } from "@/server/auth/session";
import { removeCalendarDay, removeCalendarDayInput } from "@/server/domain/calendar/remove-calendar-day";
import { setCalendarDay, setCalendarDayInput } from "@/server/domain/calendar/set-calendar-day";
import { defineAction } from "@/server/http/define-action";
import { perActorLimit } from "@/server/http/edge-limits";

/** A change re-computes the due dates of every open request it affects (up to a minute on a long queue). */
const calendarLimits = [perActorLimit("calendar-day", 30, 10 * 60)];

export const setCalendarDayAction = defineAction({
  name: "set-calendar-day",
  roles: AREA_ROLES.admin,
  input: setCalendarDayInput,
  limits: calendarLimits,
  run: async ({ actor, input }) => {
    const result = await setCalendarDay(actor, input);
    revalidatePath("/admin/calendar");
    return result;
  },
});

export const removeCalendarDayAction = defineAction({
  name: "remove-calendar-day",
  roles: AREA_ROLES.admin,
  input: removeCalendarDayInput,
  limits: calendarLimits,
  run: async ({ actor, input }) => {
    const result = await removeCalendarDay(actor, input);
    revalidatePath("/admin/calendar");
    return result;
  },
});
