import { describe, expect, it } from "vitest";

import { add, compare, div, floor, fractionalPart, isZero, mul, ratio, roundHalfUp, sub, sum } from "./rational";

describe("rational", () => {
  it("keeps fractions reduced with a positive denominator", () => {
    expect(ratio(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(ratio(0n, 7n)).toEqual({ num: 0n, den: 1n });
  });

  it("is exact where decimals are not: 1/3 × 3 = 1 and 1/3 + 2/3 = 1", () => {
    const third = ratio(1n, 3n);
    expect(mul(third, ratio(3n))).toEqual(ratio(1n));
    expect(compare(add(third, ratio(2n, 3n)), ratio(1n))).toBe(0);
  });

  it.each([
    [ratio(7n, 2n), 3n, 4n],
    [ratio(-7n, 2n), -4n, -3n],
    [ratio(5n, 2n), 2n, 3n],
    [ratio(49n, 20n), 2n, 2n],
    [ratio(128n), 128n, 128n],
  ])("floor(%o) = %s and half-up rounding = %s", (value, expectedFloor, expectedRound) => {
    expect(floor(value)).toBe(expectedFloor);
    expect(roundHalfUp(value)).toBe(expectedRound);
  });

  it("subtracts, divides, sums and splits off the fractional part", () => {
    expect(sub(ratio(1n, 2n), ratio(1n, 3n))).toEqual(ratio(1n, 6n));
    expect(div(ratio(1n, 2n), ratio(1n, 4n))).toEqual(ratio(2n));
    expect(sum([ratio(1n, 6n), ratio(1n, 3n), ratio(1n, 2n)])).toEqual(ratio(1n));
    expect(fractionalPart(ratio(656n, 25n))).toEqual(ratio(6n, 25n));
    expect(isZero(sum([]))).toBe(true);
  });

  it("refuses a zero divisor instead of returning Infinity", () => {
    expect(() => div(ratio(1n), ratio(0n))).toThrow(RangeError);
    expect(() => ratio(1n, 0n)).toThrow(RangeError);
  });
});
