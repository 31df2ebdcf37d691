import { describe, expect, it } from "vitest";

import { formatRational, parseDecimal } from "./decimal";
import { allExpiredBefore, droitsDeSuiteSchedule, validityFraction } from "./droits-de-suite";
import { ratio } from "./rational";

// docs/domain.md, example B: Action Logement at 7.5 %, P1 40 rights to 31/12/2030, P2 25 to 30/06/2026, P3 15 to 31/12/2025,
// plus 12 first-letting rights delivered in 2025.
const exampleB = {
  programmes: [
    { id: "P1", droitsDeSuite: 40, end: "2030-12-31" },
    { id: "P2", droitsDeSuite: 25, end: "2026-06-30" },
    { id: "P3", droitsDeSuite: 15, end: "2025-12-31" },
  ],
  firstLettings: [{ year: 2025, droitsUniques: 12 }],
};

describe("droits de suite", () => {
  it("example B: the schedule from 2025 to the year after the last expiry", () => {
    const schedule = droitsDeSuiteSchedule(exampleB, 2025, parseDecimal("0.075"));
    expect(schedule.map((entry) => [entry.year, formatRational(entry.volume)])).toEqual([
      [2025, "18"],
      [2026, "3.929794520547945205479452"], // 3 + 25 × 0.075 × 181/365
      [2027, "3"],
      [2028, "3"],
      [2029, "3"],
      [2030, "3"],
      [2031, "0"],
    ]);
    expect(schedule[1].volume).toEqual(ratio(3n * 365n * 1000n + 25n * 75n * 181n, 365n * 1000n));
  });

  it.each([
    ["2026-06-30", 2026, ratio(181n, 365n)],
    ["2028-06-30", 2028, ratio(182n, 366n)], // leap year: 29 February counts
    ["2025-12-31", 2025, ratio(1n)],
    ["2025-12-31", 2026, ratio(0n)],
    ["2030-01-01", 2026, ratio(1n)],
    ["2026-01-01", 2026, ratio(1n, 365n)],
  ])("a right valid until %s runs %o of %i", (end, year, expected) => {
    expect(validityFraction(end, year)).toEqual(expected);
  });

  it("adds prior droits uniques of the year and extends the schedule to later first lettings", () => {
    const schedule = droitsDeSuiteSchedule(
      {
        programmes: [{ id: "P", droitsDeSuite: 10, end: "2026-12-31" }],
        firstLettings: [{ year: 2029, droitsUniques: 4 }],
        priorDroitsUniques: [{ year: 2026, count: 2 }],
      },
      2026,
      parseDecimal("0.1"),
    );
    expect(schedule.map((entry) => [entry.year, formatRational(entry.volume)])).toEqual([
      [2026, "3"],
      [2027, "0"],
      [2028, "0"],
      [2029, "4"],
    ]);
  });

  it("tells when every programme expired before the year", () => {
    expect(allExpiredBefore(exampleB, 2031)).toBe(true);
    expect(allExpiredBefore(exampleB, 2030)).toBe(false);
  });
});
