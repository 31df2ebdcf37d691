// Which rotation rate a bailleur's flux uses on a territory (docs/domain.md, "Taux de rotation par périmètre"):
// - on a commune or an EPCI, the rate of that territory when the état des lieux gives one (the rate on the former
//   stock of its local réservataires);
// - otherwise the rate computed from the bailleur's rotation data of year n-1 (entered once per bailleur ×
//   département × year), with the definition the convention retains (standard or alternative);
// - otherwise the bailleur's départemental rate as the état des lieux gives it.
import { parseDecimal, formatRational } from "../flux/decimal";
import { add, div, fromInteger, mul, ratio, ZERO, type Rational } from "../flux/rational";

export const ROTATION_DEFINITIONS = ["standard", "alternative"] as const;
export type RotationDefinition = (typeof ROTATION_DEFINITIONS)[number];

/** The releases and stock of year n-1, as the bailleur's tools report them. */
export interface RotationData {
  releases: { total: number; students: number; specific: number; mutations: number; anru: number; orcod: number; lhi: number };
  stock: { total: number; students: number; specific: number; sale: number; demolition: number };
}

export interface RotationInputs {
  /** The bailleur's rate column on all its rows of the département: rate → rows. */
  departemental: Record<string, number>;
  /** On an infra-départemental territory, the rates on local réservataires' former stock: rate → rows; else null. */
  local: Record<string, number> | null;
  data: RotationData | null;
}

export type RotationChoice =
  | { source: "territoire"; rate: string; averaged: boolean }
  | { source: "donnees"; definition: RotationDefinition; data: RotationData }
  | { source: "etat_des_lieux"; rate: string; averaged: boolean }
  | { source: "manquant" };

/** Places kept when several rates of a file are averaged (a ten-thousandth of a percent). */
const AVERAGE_DECIMALS = 6n;

/**
 * The rate of a set of rows: their one rate, or when the file gives several, their mean weighted by rows, rounded
 * half-up to six decimals (`averaged`). Null when there is no row.
 */
export function meanRate(rates: Record<string, number>): { rate: string; averaged: boolean } | null {
  const entries = Object.entries(rates).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  if (entries.length === 1) return { rate: entries[0][0], averaged: false };
  let weighted: Rational = ZERO;
  let rows = 0;
  for (const [rate, n] of entries) {
    weighted = add(weighted, mul(parseDecimal(rate), fromInteger(n)));
    rows += n;
  }
  const mean = div(weighted, fromInteger(rows));
  const scale = 10n ** AVERAGE_DECIMALS;
  const rounded = (2n * mean.num * scale + mean.den) / (2n * mean.den);
  return { rate: formatRational(ratio(rounded, scale)), averaged: true };
}

/** The rate a bailleur's flux uses on a territory, and where it comes from. */
export function chooseRotation(inputs: RotationInputs, definition: RotationDefinition): RotationChoice {
  const local = inputs.local ? meanRate(inputs.local) : null;
  if (local) return { source: "territoire", ...local };
  if (inputs.data) return { source: "donnees", definition, data: inputs.data };
  const departemental = meanRate(inputs.departemental);
  if (departemental) return { source: "etat_des_lieux", ...departemental };
  return { source: "manquant" };
}
