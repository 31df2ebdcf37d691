// Rotation rate of year n-1 (docs/domain.md, "Le calcul du flux"), in its standard and alternative definitions.
import { type FluxComputationCode, fluxMessages } from "./messages";
import { formatPercent } from "./decimal";
import { ONE, type Rational, compare, ratio } from "./rational";
import type { RotationData } from "./schema";

export type RotationOutcome =
  | { ok: true; rate: Rational }
  | { ok: false; code: FluxComputationCode; message: string };

/**
 * Computes the rotation rate: standard = (releases − students − specific − mutations − anru) / base,
 * alternative = (releases − students − specific − anru − orcod − lhi) / base, where
 * base = stock − students − specific − sale − demolition.
 */
export function rotationRate(rotation: RotationData): RotationOutcome {
  const r = rotation.releases;
  const s = rotation.stock;
  const common = r.total - (r.students ?? 0) - (r.specific ?? 0) - (r.anru ?? 0);
  const numerator =
    rotation.method === "standard" ? common - (r.mutations ?? 0) : common - (r.orcod ?? 0) - (r.lhi ?? 0);
  const denominator = s.total - (s.students ?? 0) - (s.specific ?? 0) - (s.sale ?? 0) - (s.demolition ?? 0);
  if (denominator <= 0) return { ok: false, code: "ROTATION_STOCK_NUL", message: fluxMessages.ROTATION_STOCK_NUL() };
  if (numerator < 0) {
    return { ok: false, code: "ROTATION_NEGATIVE", message: fluxMessages.ROTATION_NEGATIVE(rotation.method) };
  }
  const rate = ratio(BigInt(numerator), BigInt(denominator));
  if (compare(rate, ONE) > 0) {
    return {
      ok: false,
      code: "ROTATION_SUPERIEURE_A_UN",
      message: fluxMessages.ROTATION_SUPERIEURE_A_UN(formatPercent(rate)),
    };
  }
  return { ok: true, rate };
}
