// Each réservataire's share of the flux before caps (docs/domain.md, "Le calcul du flux").
import { parseDecimal } from "./decimal";
import { type ScheduleEntry, droitsDeSuiteSchedule } from "./droits-de-suite";
import { type Rational, ZERO, div, fromInteger, isZero } from "./rational";
import type { ReservataireLine } from "./schema";

export interface ShareBasis {
  assiette: number;
  flux: Rational;
  rotationRate: Rational;
  /** The scenario's year; required by the schema whenever a line uses droits de suite. */
  year?: number;
}

export type LineShare =
  | {
      ok: true;
      share: Rational;
      negotiated: boolean;
      /** Droits-de-suite lines only: their volume for each year, the first entry being the scenario's year. */
      schedule?: ScheduleEntry[];
    }
  /** The line asks for dwellings where there are none (reserved > 0 in an empty assiette, droits uniques on a zero flux). */
  | { ok: false };

/**
 * A line's share before caps: its negotiated `share` when there is one, otherwise reserved / assiette; for a
 * droits-de-suite line, this year's droits uniques divided by the flux.
 */
export function lineShare(line: ReservataireLine, basis: ShareBasis): LineShare {
  if (line.method === "droits_de_suite") {
    if (basis.year === undefined) throw new Error("droits_de_suite line without a year: the schema should refuse it");
    const rate = line.rotationRate !== undefined ? parseDecimal(line.rotationRate) : basis.rotationRate;
    const schedule = droitsDeSuiteSchedule(line, basis.year, rate);
    const volume = schedule[0].volume;
    if (isZero(volume)) return { ok: true, share: ZERO, negotiated: false, schedule };
    if (isZero(basis.flux)) return { ok: false };
    return { ok: true, share: div(volume, basis.flux), negotiated: false, schedule };
  }
  if (line.share !== undefined) return { ok: true, share: parseDecimal(line.share), negotiated: true };
  const reserved = line.reserved ?? 0;
  if (reserved === 0) return { ok: true, share: ZERO, negotiated: false };
  if (basis.assiette === 0) return { ok: false };
  return { ok: true, share: div(fromInteger(reserved), fromInteger(basis.assiette)), negotiated: false };
}
