// The préfet's legal caps (R. 441-5, docs/domain.md, "Le calcul du flux"): fonctionnaires ≤ 5 % first, then both préfet lines ≤ 30 %.
import { formatPercent } from "./decimal";
import { PREFET_FONCTIONNAIRES_CAP, PREFET_TOTAL_CAP } from "./limits";
import { type FluxWarning, fluxMessages } from "./messages";
import { type Rational, ZERO, compare, div, min, mul, sign, sub, sum } from "./rational";
import type { FluxLineKind } from "./schema";

export interface CapInput {
  id: string;
  kind: FluxLineKind;
  share: Rational;
  /** True when the share was negotiated in the convention rather than derived from reserved dwellings. */
  negotiated: boolean;
}

export interface CapOutcome {
  /** Shares after caps, in input order. */
  shares: Rational[];
  /** True for each line whose share a cap reduced. */
  capped: boolean[];
  warnings: FluxWarning[];
}

/**
 * Caps the préfet's shares: the fonctionnaires lines together to 5 %, then the prioritaires lines together to
 * 30 % minus what the fonctionnaires keep; inside a group of several lines the reduction is proportional.
 */
export function applyPrefetCaps(lines: readonly CapInput[]): CapOutcome {
  const shares = lines.map((line) => line.share);
  const capped = lines.map(() => false);
  const warnings: FluxWarning[] = [];

  const scaleGroup = (kind: FluxLineKind, cap: Rational): Rational => {
    const members = lines.flatMap((line, index) => (line.kind === kind ? [index] : []));
    const requested = sum(members.map((index) => shares[index]));
    if (compare(requested, cap) <= 0) return requested;
    const factor = div(cap, requested);
    const reduced: string[] = [];
    for (const index of members) {
      if (sign(shares[index]) === 0) continue;
      shares[index] = mul(shares[index], factor);
      capped[index] = true;
      reduced.push(lines[index].id);
    }
    const build = kind === "prefet_fonctionnaires"
      ? fluxMessages.PLAFOND_FONCTIONNAIRES_APPLIQUE
      : fluxMessages.PLAFOND_PREFET_APPLIQUE;
    warnings.push({
      code: kind === "prefet_fonctionnaires" ? "PLAFOND_FONCTIONNAIRES_APPLIQUE" : "PLAFOND_PREFET_APPLIQUE",
      message: build(reduced, formatPercent(requested), formatPercent(cap)),
      lineIds: reduced,
    });
    return cap;
  };

  const fonctionnaires = scaleGroup("prefet_fonctionnaires", PREFET_FONCTIONNAIRES_CAP);
  const remaining = sub(PREFET_TOTAL_CAP, min(fonctionnaires, PREFET_TOTAL_CAP));
  scaleGroup("prefet_prioritaires", compare(remaining, ZERO) > 0 ? remaining : ZERO);

  const negotiatedOverCap = lines.filter((line, index) => capped[index] && line.negotiated).map((line) => line.id);
  if (negotiatedOverCap.length > 0) {
    warnings.push({
      code: "PLAFOND_PREFET_PART_NEGOCIEE",
      message: fluxMessages.PLAFOND_PREFET_PART_NEGOCIEE(negotiatedOverCap),
      lineIds: negotiatedOverCap,
    });
  }
  return { shares, capped, warnings };
}
