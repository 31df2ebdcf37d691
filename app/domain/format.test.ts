import { describe, expect, it } from "vitest";
import {
  NNBSP,
  formatCount,
  formatDateLong,
  formatDateShort,
  formatDecimal,
  formatInteger,
  formatPercent,
  formatShare,
  formatVolume,
  parseFrenchDecimal,
} from "./format";
import { NBSP } from "./typography/characters";

describe("formatInteger", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, `1${NNBSP}000`],
    [15000, `15${NNBSP}000`],
    [1234567, `1${NNBSP}234${NNBSP}567`],
    [-1234, `-1${NNBSP}234`],
    ["128", "128"],
    [12n, "12"],
    ["26.5", "27"],
  ])("%s → %s", (value, expected) => expect(formatInteger(value)).toBe(expected));

  it("uses the narrow no-break space, not a plain space", () => {
    expect(formatInteger(2000).charCodeAt(1)).toBe(0x202f);
  });
});

describe("formatDecimal", () => {
  it.each([
    ["26.24", 2, "26,24"],
    ["3.8", 2, "3,80"],
    ["46.085", 2, "46,09"],
    ["0.004999", 2, "0,00"],
    ["12345.678", 1, `12${NNBSP}345,7`],
    ["3.929794520547945205479452", 2, "3,93"],
    [-0.001, 2, "0,00"],
  ] as const)("(%s, %s) → %s", (value, decimals, expected) => expect(formatDecimal(value, decimals)).toBe(expected));

  it("trims trailing zeros on request", () => {
    expect(formatDecimal("3.80", 2, { trim: true })).toBe("3,8");
    expect(formatDecimal("128", 2, { trim: true })).toBe("128");
  });

  it("rounds half-up on decimal strings without float drift", () => {
    expect(formatDecimal("1.005", 2)).toBe("1,01");
    expect(formatDecimal("2.675", 2)).toBe("2,68");
  });
});

describe("formatPercent", () => {
  it.each([
    ["0.205", `20,5${NNBSP}%`],
    ["0.08", `8${NNBSP}%`],
    ["0.3", `30${NNBSP}%`],
    ["0.071", `7,1${NNBSP}%`],
    ["0.33333333", `33,33${NNBSP}%`],
    ["1", `100${NNBSP}%`],
  ])("%s → %s", (share, expected) => expect(formatPercent(share)).toBe(expected));

  it("keeps fixed decimals on request", () => {
    expect(formatPercent("0.08", 2, { fixed: true })).toBe(`8,00${NNBSP}%`);
    expect(formatPercent("0.205", 1)).toBe(`20,5${NNBSP}%`);
  });
});

describe("parseFrenchDecimal", () => {
  it.each([
    ["0,25", "0.25"],
    ["0.3", "0.3"],
    ["25 %", "0.25"],
    [`30${NNBSP}%`, "0.3"],
    ["abc", undefined],
    ["-1", undefined],
  ])("%s → %s", (text, expected) => expect(parseFrenchDecimal(text)).toBe(expected));
});

describe("dates", () => {
  it("writes the first of the month as 1er", () => {
    expect(formatDateLong("2026-01-01")).toBe("1er janvier 2026");
    expect(formatDateLong("2026-08-15")).toBe("15 août 2026");
    expect(formatDateLong("2027-02-28")).toBe("28 février 2027");
  });

  it("writes short dates as DD/MM/YYYY", () => {
    expect(formatDateShort("2026-12-31")).toBe("31/12/2026");
    expect(formatDateShort("2026-01-05")).toBe("05/01/2026");
  });

  it("refuses what is not an ISO date", () => {
    expect(() => formatDateLong("31/12/2026")).toThrow(RangeError);
  });
});

describe("formatCount", () => {
  it("agrees the noun with the count", () => {
    expect(formatCount(1, "an", "ans")).toBe(`1${NBSP}an`);
    expect(formatCount(6, "an", "ans")).toBe(`6${NBSP}ans`);
    expect(formatCount(0, "logement", "logements")).toBe(`0${NBSP}logement`);
    expect(formatCount(2, "logement", "logements")).toBe(`2${NBSP}logements`);
    expect(formatCount(2500, "logement", "logements")).toBe(`2${NNBSP}500${NBSP}logements`);
  });
});

describe("formatShare", () => {
  it.each([
    ["0.049", `4,90${NNBSP}%`],
    ["0.2722", `27,22${NNBSP}%`],
    ["1", `100,00${NNBSP}%`],
    ["0.0721", `7,21${NNBSP}%`],
    ["0.33333333", `33,33${NNBSP}%`],
  ])("%s → %s: always two decimals", (share, expected) => expect(formatShare(share)).toBe(expected));
});

describe("formatVolume", () => {
  it.each([
    ["843", "843"],
    ["843.00", "843"],
    ["843.5", "843,50"],
    ["229.4412", "229,44"],
    ["842.999", "843"],
    ["14476", `14${NNBSP}476`],
    ["0", "0"],
  ])("%s → %s: no decimals when whole", (value, expected) => expect(formatVolume(value)).toBe(expected));
});
