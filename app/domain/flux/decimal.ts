// The boundary between decimal strings (what scenarios and results carry) and exact fractions (what the engine
// computes with). decimal.js parses and renders; bigint fractions do the arithmetic in between.
import Decimal from "decimal.js";

import { OUTPUT_SIGNIFICANT_DIGITS } from "./limits";
import { type Rational, ratio } from "./rational";

/** The decimal.js constructor dedicated to flux figures: 40 digits, half-up, plain notation for every magnitude. */
export const FluxDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});

/** Plain decimal notation as scenarios write it: "0.08", "12", "0.205" (no sign, no exponent, no comma). */
export const DECIMAL_STRING_PATTERN = /^\d+(\.\d+)?$/;

/** The exact fraction of a plain decimal string ("0.075" → 3/40); throws if the string is not a plain decimal. */
export function parseDecimal(text: string): Rational {
  if (!DECIMAL_STRING_PATTERN.test(text)) throw new RangeError(`Not a plain decimal: ${text}`);
  const [num, den] = new FluxDecimal(text).toFraction();
  return ratio(BigInt(num.toFixed()), BigInt(den.toFixed()));
}

function onlyTwosAndFives(den: bigint): { twos: number; fives: number } | null {
  let rest = den;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  return rest === 1n ? { twos, fives } : null;
}

function placePoint(digits: bigint, decimals: number): string {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(decimals + 1, "0");
  const integerPart = text.slice(0, text.length - decimals);
  const fraction = text.slice(text.length - decimals).replace(/0+$/, "");
  return `${negative ? "-" : ""}${integerPart}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Renders a fraction as a decimal string: exactly when it has a finite expansion ("0.205", "128"), otherwise
 * rounded half-up to OUTPUT_SIGNIFICANT_DIGITS significant digits ("0.04337349397590361445783133").
 */
export function formatRational(value: Rational): string {
  const factors = onlyTwosAndFives(value.den);
  if (factors) {
    const decimals = Math.max(factors.twos, factors.fives);
    const scaled = (value.num * 10n ** BigInt(decimals)) / value.den;
    return placePoint(scaled, decimals);
  }
  // Not terminating: round |value| to OUTPUT_SIGNIFICANT_DIGITS digits with bigint, so there is no double rounding.
  const negative = value.num < 0n;
  const num = negative ? -value.num : value.num;
  const den = value.den;
  // exponent e such that 10^e ≤ num/den < 10^(e+1), first estimated from the digit counts then corrected.
  let e = num.toString().length - den.toString().length;
  const pow = (k: number) => 10n ** BigInt(k);
  const atLeast = (k: number) => (k >= 0 ? num >= den * pow(k) : num * pow(-k) >= den);
  while (!atLeast(e)) e--;
  while (atLeast(e + 1)) e++;
  const shift = OUTPUT_SIGNIFICANT_DIGITS - 1 - e;
  const scaledNum = shift >= 0 ? num * pow(shift) : num;
  const scaledDen = shift >= 0 ? den : den * pow(-shift);
  const rounded = (2n * scaledNum + scaledDen) / (2n * scaledDen);
  const text = new FluxDecimal(rounded.toString()).times(new FluxDecimal(10).pow(-shift)).toFixed();
  return negative ? `-${text}` : text;
}

/** A share as a French percentage with at most two decimals, for messages: 9/200 → "4,5", 1/3 → "33,33". */
export function formatPercent(share: Rational): string {
  const hundredths = (2n * share.num * 10000n + share.den) / (2n * share.den);
  return formatRational(ratio(hundredths, 100n)).replace(".", ",");
}
