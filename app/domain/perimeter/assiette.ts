// The assiette of a territory: its dwellings minus the exclusions. Défense, sécurité intérieure, santé, sale plan and
// demolition are always out; students and specific housing are an option of the convention, out by default
// (docs/domain.md, "Exclusions").
import { EXCLUSION_REASONS, EXCLUSION_REASON_CODES, type ExclusionReason } from "../inventory/cells";
import type { TerritoryCounts } from "./counts";

/** The convention's choice on the optional exclusions: true = excluded from the assiette. */
export interface OptionalExclusions {
  etudiants: boolean;
  specifique: boolean;
}

/** The référentiel's position: students and specific housing are taken out too. */
export const DEFAULT_OPTIONAL_EXCLUSIONS: OptionalExclusions = { etudiants: true, specifique: true };

/** Why a class of dwellings is in or out: "droit" = always out, "convention" = out by the convention's choice, "inclus" = in. */
export type ExclusionRule = "droit" | "convention" | "inclus";

export interface Perimeter {
  /** Dwellings on the territory before exclusions. */
  dwellings: number;
  /** Dwellings in the flux perimeter. */
  assiette: number;
  exclusions: Record<ExclusionReason, { count: number; rule: ExclusionRule }>;
  /** Dwellings of the assiette each holder holds (by reservataireKey). */
  reserved: Record<string, number>;
  /** Dwellings of the assiette no réservataire holds. */
  nonReserved: number;
}

/** The rule applied to an exclusion reason under the convention's choice. */
export function exclusionRule(reason: ExclusionReason, optional: OptionalExclusions): ExclusionRule {
  if (EXCLUSION_REASONS[reason].always) return "droit";
  return optional[reason as keyof OptionalExclusions] ? "convention" : "inclus";
}

/** The perimeter of a territory's counts under the convention's choice on optional exclusions. */
export function perimeterOf(counts: TerritoryCounts, optional: OptionalExclusions = DEFAULT_OPTIONAL_EXCLUSIONS): Perimeter {
  const reserved: Record<string, number> = {};
  let assiette = 0;
  const take = (cell: { dwellings: number; reserved: Record<string, number> } | undefined) => {
    if (!cell) return;
    assiette += cell.dwellings;
    for (const [key, n] of Object.entries(cell.reserved)) reserved[key] = (reserved[key] ?? 0) + n;
  };
  take(counts.classes.flux);
  const exclusions = {} as Perimeter["exclusions"];
  for (const reason of EXCLUSION_REASON_CODES) {
    const rule = exclusionRule(reason, optional);
    const cell = counts.classes[reason];
    exclusions[reason] = { count: cell?.dwellings ?? 0, rule };
    if (rule === "inclus") take(cell);
  }
  const held = Object.values(reserved).reduce((total, n) => total + n, 0);
  const sorted = Object.fromEntries(Object.entries(reserved).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { dwellings: counts.dwellings, assiette, exclusions, reserved: sorted, nonReserved: assiette - held };
}
