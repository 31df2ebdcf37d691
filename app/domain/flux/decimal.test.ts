import { describe, expect, it } from "vitest";

import { formatPercent, formatRational, parseDecimal } from "./decimal";
import { ratio } from "./rational";

describe("decimal strings", () => {
  it.each([
    ["0.08", ratio(2n, 25n)],
    ["0.10", ratio(1n, 10n)],
    ["12", ratio(12n)],
    ["0.075", ratio(3n, 40n)],
  ])("parses %s exactly", (text, expected) => {
    expect(parseDecimal(text)).toEqual(expected);
  });

  it.each(["-0.1", "1e-2", "0,08", ".5", ""])("refuses %j, which is not a plain decimal", (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });

  it.each([
    [ratio(41n, 200n), "0.205"],
    [ratio(128n), "128"],
    [ratio(656n, 25n), "26.24"],
    [ratio(0n), "0"],
    [ratio(-3n, 4n), "-0.75"],
    // The contract's expected outputs: 25 significant digits, half-up.
    [ratio(18n, 415n), "0.04337349397590361445783133"],
    [ratio(1007n, 1660n), "0.6066265060240963855421687"],
    [ratio(1434375n, 365000n), "3.929794520547945205479452"],
    [ratio(2n, 3n), "0.6666666666666666666666667"],
    [ratio(200000000000000000000000000n, 3n), "66666666666666666666666670"],
  ])("renders %o as %s", (value, expected) => {
    expect(formatRational(value)).toBe(expected);
  });

  it("renders a value rounding up to the next power of ten", () => {
    expect(formatRational(ratio(10n ** 30n - 1n, 10n ** 30n))).toBe("0.999999999999999999999999999999");
    expect(formatRational(ratio(3n * 10n ** 30n - 1n, 3n * 10n ** 30n))).toBe("1");
  });

  it("formats percentages for messages", () => {
    expect(formatPercent(ratio(9n, 200n))).toBe("4,5");
    expect(formatPercent(ratio(1n, 3n))).toBe("33,33");
    expect(formatPercent(ratio(3n, 10n))).toBe("30");
  });
});
