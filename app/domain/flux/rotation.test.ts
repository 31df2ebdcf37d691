import { describe, expect, it } from "vitest";

import { formatRational } from "./decimal";
import { rotationRate } from "./rotation";
import type { RotationData } from "./schema";

// docs/domain.md, example C: stock 2 000 (no exclusions), releases 180 of which mutations 28, ANRU 10, LHI 2.
const exampleC = (method: RotationData["method"]): RotationData => ({
  method,
  releases: { total: 180, mutations: 28, anru: 10, lhi: 2 },
  stock: { total: 2000 },
});

describe("rotation rate", () => {
  it.each([
    ["standard", "0.071"],
    ["alternative", "0.084"],
  ] as const)("example C, %s definition: %s", (method, expected) => {
    const outcome = rotationRate(exampleC(method));
    expect(outcome.ok && formatRational(outcome.rate)).toBe(expected);
  });

  it("removes students, specific housing, sales and demolitions from the denominator", () => {
    const outcome = rotationRate({
      method: "standard",
      releases: { total: 200, students: 20, specific: 10, mutations: 30, anru: 10 },
      stock: { total: 2600, students: 300, specific: 100, sale: 150, demolition: 50 },
    });
    // (200 − 20 − 10 − 30 − 10) / (2600 − 300 − 100 − 150 − 50) = 130 / 2000
    expect(outcome.ok && formatRational(outcome.rate)).toBe("0.065");
  });

  it("fails with ROTATION_STOCK_NUL when nothing is left of the stock", () => {
    const outcome = rotationRate({ method: "standard", releases: { total: 0 }, stock: { total: 100, sale: 100 } });
    expect(outcome).toMatchObject({ ok: false, code: "ROTATION_STOCK_NUL" });
  });

  it("fails with ROTATION_NEGATIVE when the deducted exits exceed the releases", () => {
    const outcome = rotationRate({ method: "alternative", releases: { total: 10, orcod: 11 }, stock: { total: 100 } });
    expect(outcome).toMatchObject({ ok: false, code: "ROTATION_NEGATIVE" });
    expect(!outcome.ok && outcome.message).toMatch(/numérateur serait négatif/);
  });

  it("fails with ROTATION_SUPERIEURE_A_UN when more dwellings are released than exist", () => {
    const outcome = rotationRate({ method: "standard", releases: { total: 150 }, stock: { total: 100 } });
    expect(outcome).toMatchObject({ ok: false, code: "ROTATION_SUPERIEURE_A_UN" });
    expect(!outcome.ok && outcome.message).toContain("150 %");
  });
});
