// French public holidays and working-day arithmetic for the management deadlines (docs/domain.md, "Options and negotiation"). Dates are ISO
// strings ("2026-05-14") handled in UTC, so that no time zone or daylight-saving change moves a day.

/** A calendar day as "YYYY-MM-DD". */
export type IsoDate = string;

export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

const DAY_MS = 86_400_000;

function toUtc(iso: IsoDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`Not a calendar date: ${iso}`);
  return time;
}

function fromUtc(time: number): IsoDate {
  return new Date(time).toISOString().slice(0, 10);
}

function isoOf(year: number, month: number, day: number): IsoDate {
  return fromUtc(Date.UTC(year, month - 1, day));
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoOf(year, month, day);
}

/** Départements where Good Friday and 26 December are also public holidays (local law of Alsace-Moselle). */
export const ALSACE_MOSELLE = ["57", "67", "68"] as const;

export interface CalendarOptions {
  /** Département code; Alsace-Moselle adds its two local holidays. */
  departement?: string;
}

/** The public holidays of a year in chronological order (11 nationally, 13 in Alsace-Moselle). */
export function frenchPublicHolidays(year: number, options: CalendarOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: isoOf(year, 1, 1), name: "Jour de l'an" },
    { date: addCalendarDays(easter, 1), name: "Lundi de Pâques" },
    { date: isoOf(year, 5, 1), name: "Fête du Travail" },
    { date: isoOf(year, 5, 8), name: "Victoire 1945" },
    { date: addCalendarDays(easter, 39), name: "Ascension" },
    { date: addCalendarDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: isoOf(year, 7, 14), name: "Fête nationale" },
    { date: isoOf(year, 8, 15), name: "Assomption" },
    { date: isoOf(year, 11, 1), name: "Toussaint" },
    { date: isoOf(year, 11, 11), name: "Armistice 1918" },
    { date: isoOf(year, 12, 25), name: "Noël" },
  ];
  if (options.departement && (ALSACE_MOSELLE as readonly string[]).includes(options.departement)) {
    holidays.push({ date: addCalendarDays(easter, -2), name: "Vendredi saint" }, { date: isoOf(year, 12, 26), name: "Saint-Étienne" });
  }
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<string, Map<IsoDate, string>>();

function holidaysOf(year: number, options: CalendarOptions): Map<IsoDate, string> {
  const key = `${year}:${options.departement ?? ""}`;
  let holidays = holidayCache.get(key);
  if (!holidays) {
    holidays = new Map(frenchPublicHolidays(year, options).map((holiday) => [holiday.date, holiday.name]));
    holidayCache.set(key, holidays);
  }
  return holidays;
}

/** The holiday's name when the date is a public holiday, otherwise undefined. */
export function publicHolidayName(date: IsoDate, options: CalendarOptions = {}): string | undefined {
  toUtc(date);
  return holidaysOf(Number(date.slice(0, 4)), options).get(date);
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A "jour ouvré": Monday to Friday, and not a public holiday. */
export function isWorkingDay(date: IsoDate, options: CalendarOptions = {}): boolean {
  return !isWeekend(date) && publicHolidayName(date, options) === undefined;
}

/** The date `days` calendar days later (earlier when negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/**
 * The same day `months` months later (earlier when negative), clamped to the end of a shorter month:
 * 31 January + 1 month → 28 (or 29) February.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const start = new Date(toUtc(date));
  const total = start.getUTCFullYear() * 12 + start.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)));
}

/**
 * The `days`-th working day after `date` (before it when negative): the start day itself never counts, so 5 working
 * days from a Friday land on the next Friday when the week has no holiday. 0 returns the date unchanged.
 */
export function addWorkingDays(date: IsoDate, days: number, options: CalendarOptions = {}): IsoDate {
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let current = date;
  toUtc(date);
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current, options)) remaining--;
  }
  return current;
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: IsoDate, options: CalendarOptions = {}): IsoDate {
  let current = date;
  while (!isWorkingDay(current, options)) current = addCalendarDays(current, 1);
  return current;
}
