import "server-only";
import { type TestActors, inputOf } from "@/server/auth/role-type-test-kit";
import { listCalendarYear } from "./list-calendar-year";
import { setCalendarDay } from "./set-calendar-day";

/** Type test (`tsc --noEmit` checks it, nothing calls it): the business-day calendar is kept by administrators. */
export function calendarRoleTypes({ shopper, staff, admin }: TestActors): void {
  void setCalendarDay(admin, inputOf(setCalendarDay));
  void listCalendarYear(admin, inputOf(listCalendarYear));
  // @ts-expect-error a shopper does not move due dates
  void setCalendarDay(shopper, inputOf(setCalendarDay));
  // @ts-expect-error brand staff do not keep the calendar
  void listCalendarYear(staff, inputOf(listCalendarYear));
}
