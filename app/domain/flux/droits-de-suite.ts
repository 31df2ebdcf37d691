// Transformation of Action Logement's droits de suite into droits uniques (docs/domain.md, "Le calcul du flux"), year by year.
import { type Rational, ZERO, add, fromInteger, mul, ratio } from "./rational";

export interface DroitsDeSuiteProgramme {
  id: string;
  droitsDeSuite: number;
  /** Last day of validity, ISO "YYYY-MM-DD". */
  end: string;
}

export interface DroitsDeSuiteLine {
  programmes?: readonly DroitsDeSuiteProgramme[];
  firstLettings?: readonly { year: number; droitsUniques: number }[];
  priorDroitsUniques?: readonly { year: number; count: number }[];
}

export interface ScheduleEntry {
  year: number;
  volume: Rational;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function dayOfYear(year: number, month: number, day: number): number {
  return CUMULATIVE_DAYS[month - 1] + day + (month > 2 && isLeap(year) ? 1 : 0);
}

/**
 * Fraction of `year` during which a right valid until `end` (inclusive) runs: days from 1 January to
 * min(end, 31 December) inclusive, over the days of the year; 1 for a later end, 0 once expired.
 */
export function validityFraction(end: string, year: number): Rational {
  const [endYear, endMonth, endDay] = end.split("-").map(Number);
  if (endYear < year) return ZERO;
  if (endYear > year) return fromInteger(1);
  return ratio(BigInt(dayOfYear(endYear, endMonth, endDay)), isLeap(year) ? 366n : 365n);
}

/** Droits uniques of one year: Σ droitsDeSuite × rate × fraction, plus that year's first lettings and prior droits uniques. */
export function droitsUniquesForYear(line: DroitsDeSuiteLine, year: number, rate: Rational): Rational {
  let total = ZERO;
  for (const programme of line.programmes ?? []) {
    const fraction = validityFraction(programme.end, year);
    if (fraction.num !== 0n) total = add(total, mul(mul(fromInteger(programme.droitsDeSuite), rate), fraction));
  }
  for (const letting of line.firstLettings ?? []) {
    if (letting.year === year) total = add(total, fromInteger(letting.droitsUniques));
  }
  for (const prior of line.priorDroitsUniques ?? []) {
    if (prior.year === year) total = add(total, fromInteger(prior.count));
  }
  return total;
}

/**
 * The yearly schedule from `fromYear` to the year after the last expiry (so the schedule shows the year the flux
 * falls), extended to any later year that still carries first lettings or prior droits uniques.
 */
export function droitsDeSuiteSchedule(line: DroitsDeSuiteLine, fromYear: number, rate: Rational): ScheduleEntry[] {
  let lastYear = fromYear;
  for (const programme of line.programmes ?? []) lastYear = Math.max(lastYear, Number(programme.end.slice(0, 4)) + 1);
  for (const letting of line.firstLettings ?? []) lastYear = Math.max(lastYear, letting.year);
  for (const prior of line.priorDroitsUniques ?? []) lastYear = Math.max(lastYear, prior.year);
  const schedule: ScheduleEntry[] = [];
  for (let year = fromYear; year <= lastYear; year++) {
    schedule.push({ year, volume: droitsUniquesForYear(line, year, rate) });
  }
  return schedule;
}

/** True when every programme of the line expired before `year`. */
export function allExpiredBefore(line: DroitsDeSuiteLine, year: number): boolean {
  return (line.programmes ?? []).every((programme) => Number(programme.end.slice(0, 4)) < year);
}
