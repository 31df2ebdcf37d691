import { describe, expect, it } from "vitest";

import { type ApportionItem, apportionLargestRemainder } from "./rounding";
import { type Rational, mul, ratio } from "./rational";

const items = (total: bigint, shares: Rational[], extra: Partial<ApportionItem>[] = []): ApportionItem[] =>
  shares.map((share, index) => ({ exact: mul(ratio(total), share), share, ...extra[index] }));

const units = (total: bigint, list: ApportionItem[], limits = new Map<string, bigint>()) =>
  apportionLargestRemainder(total, list, limits, list.length - 1).units.map(Number);

describe("largest-remainder rounding", () => {
  it("example A: 26.24 / 5.76 / 35.84 / 10.24 / 3.84 / 46.08 → 26 / 6 / 36 / 10 / 4 / 46", () => {
    const shares = [ratio(410n, 2000n), ratio(90n, 2000n), ratio(560n, 2000n), ratio(160n, 2000n), ratio(60n, 2000n), ratio(720n, 2000n)];
    expect(units(128n, items(128n, shares))).toEqual([26, 6, 36, 10, 4, 46]);
  });

  it("computes from exact fractions: three thirds of 3 give 1 each", () => {
    const third = ratio(1n, 3n);
    expect(units(3n, items(3n, [third, third, third]))).toEqual([1, 1, 1]);
  });

  it("breaks equal remainders by the larger share", () => {
    // 1.5 and 2.5 over 4: both remainders are 1/2; the larger share (2.5) gets the unit.
    expect(units(4n, items(4n, [ratio(3n, 8n), ratio(5n, 8n)]))).toEqual([1, 3]);
  });

  it("breaks equal remainders and shares by the earlier line, the residual line last", () => {
    const quarter = ratio(1n, 4n);
    // 4 lines × 0.5 over a total of 2: every remainder and share equal; the first two lines win.
    expect(units(2n, items(2n, [quarter, quarter, quarter, quarter]))).toEqual([1, 1, 0, 0]);
  });

  it("skips a capped line at its maximum: its unit goes to the next remainder", () => {
    const list = items(10n, [ratio(49n, 100n), ratio(31n, 100n), ratio(2n, 10n)], [{ maxUnits: 4n }]);
    // exact 4.9 / 3.1 / 2: the first line may not exceed 4, so the unit goes to the next remainder (3.1 → 4).
    expect(units(10n, list)).toEqual([4, 4, 2]);
  });

  it("holds a group limit and hands units no line can take to the residual line", () => {
    const list = items(
      10n,
      [ratio(9n, 100n), ratio(9n, 100n), ratio(82n, 100n)],
      [{ groups: ["prefet"] }, { groups: ["prefet"] }],
    );
    const outcome = apportionLargestRemainder(10n, list, new Map([["prefet", 1n]]), 2);
    // exact 0.9 / 0.9 / 8.2: the group may hold 1 unit in all; the other unit goes to the next remainder (8.2).
    expect(outcome.units.map(Number)).toEqual([1, 0, 9]);
    expect(outcome.redirected).toBe(0n);

    // exact 0.5 / 0.5 / 9: the group is full and the residual line has no remainder: the unit is redirected to it.
    const blocked = items(10n, [ratio(1n, 20n), ratio(1n, 20n), ratio(9n, 10n)], [{ groups: ["prefet"] }, { groups: ["prefet"] }]);
    const redirected = apportionLargestRemainder(10n, blocked, new Map([["prefet", 0n]]), 2);
    expect(redirected.units.map(Number)).toEqual([0, 0, 10]);
    expect(redirected.redirected).toBe(1n);
  });
});
