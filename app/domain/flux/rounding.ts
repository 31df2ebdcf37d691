// Whole dwellings: the largest-remainder apportionment of docs/domain.md, "Le calcul du flux", with the préfet caps still holding.
import { type Rational, compare, floor, fractionalPart, sign } from "./rational";

export interface ApportionItem {
  /** The line's exact entitlement in dwellings: fluxRounded × share. */
  exact: Rational;
  /** The line's share, for the first tie-break. */
  share: Rational;
  /** Most units the line may end with (a capped line: floor of its capped entitlement). */
  maxUnits?: bigint;
  /** Groups the line belongs to, whose rounded total is limited by `groupLimits`. */
  groups?: readonly string[];
}

export interface Apportionment {
  units: bigint[];
  /** Units that went to the residual line because capped lines could not take them. */
  redirected: bigint;
}

/**
 * Apportions `total` units: each line gets floor(exact), then the missing units go one by one to the largest
 * fractional parts (ties: larger share, then earlier line; the residual line is last in input order, so last in
 * ties). A line at its `maxUnits` or in a full group is skipped and its unit goes to the next remainder; units no
 * line can take go to the residual line. Assumes Σ exact = total and no negative entitlement.
 */
export function apportionLargestRemainder(
  total: bigint,
  items: readonly ApportionItem[],
  groupLimits: ReadonlyMap<string, bigint>,
  residualIndex: number,
): Apportionment {
  const units = items.map((item) => floor(item.exact));
  const groupUsed = new Map<string, bigint>();
  items.forEach((item, index) => {
    for (const group of item.groups ?? []) groupUsed.set(group, (groupUsed.get(group) ?? 0n) + units[index]);
  });
  let missing = total - units.reduce((a, b) => a + b, 0n);

  const remainders = items.map((item) => fractionalPart(item.exact));
  const order = items
    .map((_, index) => index)
    .filter((index) => sign(remainders[index]) > 0)
    .sort(
      (a, b) =>
        compare(remainders[b], remainders[a]) ||
        compare(items[b].share, items[a].share) ||
        (a === residualIndex ? 1 : b === residualIndex ? -1 : a - b),
    );

  for (const index of order) {
    if (missing <= 0n) break;
    const item = items[index];
    if (item.maxUnits !== undefined && units[index] + 1n > item.maxUnits) continue;
    const groups = item.groups ?? [];
    const limited = groups.some((group) => {
      const limit = groupLimits.get(group);
      return limit !== undefined && (groupUsed.get(group) ?? 0n) + 1n > limit;
    });
    if (limited) continue;
    units[index] += 1n;
    for (const group of groups) groupUsed.set(group, (groupUsed.get(group) ?? 0n) + 1n);
    missing -= 1n;
  }

  const redirected = missing > 0n ? missing : 0n;
  units[residualIndex] += redirected;
  return { units, redirected };
}
