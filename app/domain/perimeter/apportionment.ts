// One apportionment per bailleur × territory × year (docs/domain.md, "Une répartition par bailleur"): the flux of the
// bailleur's dwellings on the territory is shared, in one rounding, among every réservataire that holds rights there
// — parties of the convention or not — so that the same réservataire gets the same figure in every convention of that
// bailleur, territory and year. This module builds the flux engine's scenario of that apportionment.
import type { FluxScenarioInput, ReservataireKind } from "../flux/schema";
import type { Perimeter } from "./assiette";
import { compareHolders } from "./reservataires";
import type { RotationChoice } from "./rotation";

/** Forecast deductions of the year: internal mutations, and relogements by category. */
export interface Deductions {
  mutations: number;
  anru: number;
  orcod: number;
  lhi: number;
  ventes: number;
}

export const NO_DEDUCTIONS: Deductions = { mutations: 0, anru: 0, orcod: 0, lhi: 0, ventes: 0 };

/** Action Logement's droits de suite converted to droits uniques (the transformation option). */
export interface DroitsDeSuiteTerms {
  programmes: { id: string; droitsDeSuite: number; end: string }[];
  firstLettings?: { year: number; droitsUniques: number }[];
  priorDroitsUniques?: { year: number; count: number }[];
}

/** What is negotiated for a bailleur × territory × year, shared by every convention on it. */
export interface FluxTerms {
  /** Null until the bailleur enters its forecast (0 is then used, and said). */
  deductions: Deductions | null;
  /** Negotiated shares by holder key (decimal strings); they win over the reserved dwellings. */
  shares: Record<string, string>;
  /** Droits de suite of Action Logement by holder key, when transformed. */
  droitsDeSuite: Record<string, DroitsDeSuiteTerms>;
}

export const EMPTY_TERMS: FluxTerms = { deductions: null, shares: {}, droitsDeSuite: {} };

/** A holder of rights as the apportionment shows it. */
export interface Holder {
  key: string;
  organisationId: string;
  name: string;
  kind: ReservataireKind;
  /** True when the organisation is a party to the convention being shown. */
  party: boolean;
}

/**
 * The lines of the apportionment: every holder with dwellings in the assiette, a negotiated share or droits de suite,
 * in the canonical order. Holders without any of them get nothing and are left out (the view shows the parties
 * among them with zero).
 */
export function apportionmentLines(perimeter: Perimeter, terms: FluxTerms, holders: Record<string, Holder>): Holder[] {
  const keys = new Set([
    ...Object.keys(perimeter.reserved).filter((key) => perimeter.reserved[key] > 0),
    ...Object.keys(terms.shares),
    ...Object.keys(terms.droitsDeSuite),
  ]);
  return [...keys]
    .map((key) => holders[key])
    .filter((holder): holder is Holder => holder !== undefined)
    .sort(compareHolders);
}

/** The engine scenario (the CLI's format) of a bailleur's apportionment on a territory; null when the rate is unknown. */
export function apportionmentScenario(input: {
  year: number;
  perimeter: Perimeter;
  rotation: RotationChoice;
  terms: FluxTerms;
  lines: Holder[];
}): FluxScenarioInput | null {
  const { rotation, terms, perimeter } = input;
  if (rotation.source === "manquant") return null;
  const deductions = terms.deductions ?? { mutations: 0, anru: 0, orcod: 0, lhi: 0, ventes: 0 };
  return {
    year: input.year,
    assiette: perimeter.assiette,
    ...(rotation.source === "donnees"
      ? { rotation: { method: rotation.definition, releases: rotation.data.releases, stock: rotation.data.stock } }
      : { rotationRate: rotation.rate }),
    deductions: {
      mutations: deductions.mutations,
      relogements: deductions.anru + deductions.orcod + deductions.lhi + deductions.ventes,
    },
    reservataires: input.lines.map((holder) => {
      const droits = terms.droitsDeSuite[holder.key];
      if (droits && holder.kind === "action_logement") return { id: holder.key, kind: holder.kind, method: "droits_de_suite" as const, ...droits };
      const share = terms.shares[holder.key];
      if (share !== undefined) return { id: holder.key, kind: holder.kind, share };
      return { id: holder.key, kind: holder.kind, reserved: perimeter.reserved[holder.key] ?? 0 };
    }),
  };
}
