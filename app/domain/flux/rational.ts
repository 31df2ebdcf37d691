// Exact fractions over bigint. The flux engine needs exact arithmetic, not just high precision:
// a share of 1/3 must give exactly 1 dwelling on a flux of 3, and 1/3 + 2/3 must not exceed 100 %.
// decimal.js at any finite precision cannot promise either (see docs/decisions/0101-flux-engine.md).

/** An exact fraction `num / den`, always reduced, with `den > 0`. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Builds the reduced fraction `num / den`; throws on a zero denominator (a programming error, never user input). */
export function ratio(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError("Rational with a zero denominator");
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (den === 1n) return { num, den };
  const g = gcd(num, den);
  return g === 1n ? { num, den } : { num: num / g, den: den / g };
}

/** The fraction for a JavaScript integer (counts of dwellings, years). */
export function fromInteger(value: number): Rational {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
  return { num: BigInt(value), den: 1n };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

/** a + b */
export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return ratio(a.num + b.num, a.den);
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b */
export function sub(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return ratio(a.num - b.num, a.den);
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a × b */
export function mul(a: Rational, b: Rational): Rational {
  return ratio(a.num * b.num, a.den * b.den);
}

/** a ÷ b; throws when b is zero, so callers must decide what a zero divisor means in the domain first. */
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError("Division by zero");
  return ratio(a.num * b.den, a.den * b.num);
}

/** Sum of a list of fractions (0 for an empty list). */
export function sum(values: readonly Rational[]): Rational {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
}

/** −1, 0 or 1 as a compared to b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The sign of a: −1, 0 or 1. */
export function sign(a: Rational): -1 | 0 | 1 {
  return a.num < 0n ? -1 : a.num > 0n ? 1 : 0;
}

/** True when a is exactly zero. */
export function isZero(a: Rational): boolean {
  return a.num === 0n;
}

/** The smaller of a and b. */
export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

/** The largest integer ≤ a (true floor, also for negative values). */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** a rounded to the nearest integer, halves away from −∞ (half up), as docs/domain.md, "Le calcul du flux" asks for the flux. */
export function roundHalfUp(a: Rational): bigint {
  return floor(add(a, { num: 1n, den: 2n }));
}

/** a − floor(a), in [0, 1). */
export function fractionalPart(a: Rational): Rational {
  return sub(a, { num: floor(a), den: 1n });
}

/** True when a is exactly an integer. */
export function isInteger(a: Rational): boolean {
  return a.den === 1n;
}
