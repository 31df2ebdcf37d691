// Which years a convention can have an annual annex for: every year of its period after its own flux year. A
// convention of 2026 starting on 1 January for six years runs to 31 December 2031, so its annexes are 2027 to 2031.
import { addCalendarDays, addCalendarMonths } from "../calendar";
import type { ConventionMeta } from "../convention/state";

/** The years of the convention's period after its own flux year, in order (empty for a one-year convention). */
export function annexYears(meta: Pick<ConventionMeta, "year" | "startDate" | "durationYears">): number[] {
  const lastDay = addCalendarDays(addCalendarMonths(meta.startDate, 12 * meta.durationYears), -1);
  const last = Number(lastDay.slice(0, 4));
  const years: number[] = [];
  for (let year = meta.year + 1; year <= last; year++) years.push(year);
  return years;
}
