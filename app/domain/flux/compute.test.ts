import { describe, expect, it } from "vitest";

import { type FluxResult, computeFlux, computeFluxFromJson } from "./compute";

const table = (result: FluxResult) => result.lines.map((line) => [line.id, line.share, line.volume, line.rounded]);

// docs/domain.md, example A.
const exampleA = {
  assiette: 2000,
  rotationRate: "0.08",
  deductions: { mutations: 20, relogements: 12 },
  reservataires: [
    { id: "pp", kind: "prefet_prioritaires", reserved: 410 },
    { id: "pf", kind: "prefet_fonctionnaires", reserved: 90 },
    { id: "al", kind: "action_logement", reserved: 560 },
    { id: "cx", kind: "commune", reserved: 160 },
    { id: "cd", kind: "departement", reserved: 60 },
  ],
};

function compute(scenario: unknown): FluxResult {
  const outcome = computeFlux(scenario);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
}

describe("computeFlux: docs/domain.md worked examples", () => {
  it("example A: flux 128, exact and rounded columns", () => {
    const result = compute(exampleA);
    expect([result.rotationRate, result.liberations, result.flux, result.fluxRounded]).toEqual(["0.08", "160", "128", 128]);
    expect(table(result)).toEqual([
      ["pp", "0.205", "26.24", 26],
      ["pf", "0.045", "5.76", 6],
      ["al", "0.28", "35.84", 36],
      ["cx", "0.08", "10.24", 10],
      ["cd", "0.03", "3.84", 4],
      ["bailleur", "0.36", "46.08", 46],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("seed example: (15 000 − 500) × 10 % − 450 = 1 000, a département holding 20 % gets 200", () => {
    const result = compute({
      assiette: 15000 - 500,
      rotationRate: "0.10",
      deductions: { mutations: 300, relogements: 150 },
      reservataires: [{ id: "cd", kind: "departement", reserved: 2900 }],
    });
    expect([result.liberations, result.flux, result.fluxRounded]).toEqual(["1450", "1000", 1000]);
    expect(table(result)).toEqual([
      ["cd", "0.2", "200", 200],
      ["bailleur", "0.8", "800", 800],
    ]);
  });

  it("example B inside a scenario: the Action Logement line's volume, share and schedule", () => {
    const result = compute({
      year: 2025,
      assiette: 6000,
      rotationRate: "0.075",
      deductions: { mutations: 30, relogements: 5 },
      reservataires: [
        { id: "ddets-prio", kind: "prefet_prioritaires", reserved: 1500 },
        {
          id: "al",
          kind: "action_logement",
          method: "droits_de_suite",
          programmes: [
            { id: "P1", droitsDeSuite: 40, end: "2030-12-31" },
            { id: "P2", droitsDeSuite: 25, end: "2026-06-30" },
            { id: "P3", droitsDeSuite: 15, end: "2025-12-31" },
          ],
          firstLettings: [{ year: 2025, droitsUniques: 12 }],
        },
        { id: "commune", kind: "commune", reserved: 600 },
      ],
    });
    expect(table(result)).toEqual([
      ["ddets-prio", "0.25", "103.75", 104],
      ["al", "0.04337349397590361445783133", "18", 18],
      ["commune", "0.1", "41.5", 41],
      ["bailleur", "0.6066265060240963855421687", "251.75", 252],
    ]);
    expect(result.lines[1].schedule?.map((entry) => entry.volume)).toEqual(["18", "3.929794520547945205479452", "3", "3", "3", "3", "0"]);
  });

  it("example C inside a scenario: the rate computed from the rotation data", () => {
    const rotation = { releases: { total: 180, mutations: 28, anru: 10, lhi: 2 }, stock: { total: 2000 } };
    const base = { assiette: 2000, deductions: { mutations: 0, relogements: 0 }, reservataires: [] };
    expect(compute({ ...base, rotation: { method: "standard", ...rotation } }).rotationRate).toBe("0.071");
    expect(compute({ ...base, rotation: { method: "alternative", ...rotation } }).rotationRate).toBe("0.084");
  });
});

describe("computeFlux: shares, caps and the bailleur line", () => {
  it("warns when a collectivité holds more than 20 % of the flux (loan guarantees), not at exactly 20 %", () => {
    const at = (share: string) => compute({ ...exampleA, reservataires: [{ id: "cx", kind: "commune", share }, { id: "al", kind: "action_logement", share: "0.4" }] });
    expect(at("0.2").warnings).toEqual([]);
    const over = at("0.21").warnings;
    expect(over.map((w) => [w.code, w.lineIds])).toEqual([["COLLECTIVITE_AU_DELA_DES_GARANTIES", ["cx"]]]);
    expect(over[0].message).toMatch(/dépasse 20 %/);
  });

  it("a negotiated share wins over reserved dwellings", () => {
    const result = compute({ ...exampleA, reservataires: [{ id: "al", kind: "action_logement", reserved: 560, share: "0.3" }] });
    expect(table(result)).toEqual([
      ["al", "0.3", "38.4", 38],
      ["bailleur", "0.7", "89.6", 90],
    ]);
  });

  it("what the caps remove goes to the bailleur line, and capped lines stay under their cap once rounded", () => {
    const result = compute({
      assiette: 1000,
      rotationRate: "0.1",
      reservataires: [
        { id: "pp", kind: "prefet_prioritaires", reserved: 290 },
        { id: "pf", kind: "prefet_fonctionnaires", reserved: 77 },
      ],
    });
    // fonctionnaires 7.7 % → 5 %, prioritaires 29 % → 25 %: exact 25 / 5, bailleur 70
    expect(table(result)).toEqual([
      ["pp", "0.25", "25", 25],
      ["pf", "0.05", "5", 5],
      ["bailleur", "0.7", "70", 70],
    ]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(["PLAFOND_FONCTIONNAIRES_APPLIQUE", "PLAFOND_PREFET_APPLIQUE"]);
  });

  it("a capped line never gets a rounding unit above floor(cap × fluxRounded)", () => {
    // flux 138 → fonctionnaires capped at 5 % = 6.9: although .9 is the largest remainder, the line keeps 6 and
    // the two missing units go to the next remainders (27.6, then 103.5).
    const result = compute({
      assiette: 1380,
      rotationRate: "0.1",
      reservataires: [
        { id: "pf", kind: "prefet_fonctionnaires", reserved: 100 },
        { id: "al", kind: "action_logement", reserved: 276 },
      ],
    });
    expect(table(result)).toEqual([
      ["pf", "0.05", "6.9", 6],
      ["al", "0.2", "27.6", 28],
      ["bailleur", "0.75", "103.5", 104],
    ]);
  });

  it("rounds the flux half up before apportioning it", () => {
    const result = compute({ assiette: 125, rotationRate: "0.1", reservataires: [{ id: "c", kind: "commune", reserved: 25 }] });
    expect([result.flux, result.fluxRounded]).toEqual(["12.5", 13]);
    expect(table(result)).toEqual([
      ["c", "0.2", "2.5", 3],
      ["bailleur", "0.8", "10", 10],
    ]);
  });

  it("warns when the flux is zero", () => {
    const result = compute({ assiette: 100, rotationRate: "0.1", deductions: { mutations: 10, relogements: 0 }, reservataires: [] });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["FLUX_NUL"]);
    expect(table(result)).toEqual([["bailleur", "1", "0", 0]]);
  });

  it("warns when every droit de suite of the Action Logement line expired", () => {
    const result = compute({
      year: 2031,
      assiette: 1000,
      rotationRate: "0.1",
      reservataires: [
        { id: "al", kind: "action_logement", method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 5, end: "2030-12-31" }] },
      ],
    });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["DROITS_DE_SUITE_EXPIRES"]);
    expect(result.lines[0]).toMatchObject({ share: "0", volume: "0", rounded: 0, schedule: [{ year: 2031, volume: "0" }] });
  });

  it("warns when a unit the caps refuse goes to the bailleur line", () => {
    // flux 10: fonctionnaires 0.5 and prioritaires 2.5 (both at their caps) would each want the .5 unit; the
    // bailleur line, exactly 7, takes both.
    const result = compute({
      assiette: 100,
      rotationRate: "0.1",
      reservataires: [
        { id: "pf", kind: "prefet_fonctionnaires", reserved: 9 },
        { id: "pp", kind: "prefet_prioritaires", reserved: 30 },
      ],
    });
    expect(table(result)).toEqual([
      ["pf", "0.05", "0.5", 0],
      ["pp", "0.25", "2.5", 2],
      ["bailleur", "0.7", "7", 8],
    ]);
    expect(result.warnings.map((warning) => warning.code)).toContain("ARRONDI_REPORTE_SUR_BAILLEUR");
  });
});

describe("computeFlux: refusals", () => {
  it("FLUX_NEGATIF when the deductions exceed the releases", () => {
    const outcome = computeFlux({ ...exampleA, deductions: { mutations: 150, relogements: 11 } });
    expect(outcome).toMatchObject({ ok: false, kind: "error", issues: [{ code: "FLUX_NEGATIF", path: "deductions" }] });
    expect(!outcome.ok && outcome.issues[0].message).toContain("(161 mutations et relogements) dépassent les libérations attendues (160)");
  });

  it("DEPASSEMENT_FLUX when the shares after caps exceed 100 %", () => {
    const outcome = computeFlux({
      ...exampleA,
      reservataires: [
        { id: "al", kind: "action_logement", share: "0.7" },
        { id: "cx", kind: "commune", share: "0.35" },
      ],
    });
    expect(outcome).toMatchObject({ ok: false, kind: "error", issues: [{ code: "DEPASSEMENT_FLUX", path: "reservataires" }] });
    expect(!outcome.ok && outcome.issues[0].message).toContain("105 %");
  });

  it("DEPASSEMENT_FLUX is judged after the caps: a préfet excess alone is capped, not refused", () => {
    const outcome = computeFlux({ ...exampleA, reservataires: [{ id: "pp", kind: "prefet_prioritaires", share: "0.9" }] });
    expect(outcome.ok).toBe(true);
  });

  it("DEPASSEMENT_FLUX when dwellings are reserved in an empty assiette", () => {
    const outcome = computeFlux({ assiette: 0, rotationRate: "0.1", reservataires: [{ id: "c", kind: "commune", reserved: 1 }] });
    expect(outcome).toMatchObject({ ok: false, kind: "error", issues: [{ code: "DEPASSEMENT_FLUX", path: "reservataires[0]" }] });
  });

  it.each([
    ["ROTATION_STOCK_NUL", { releases: { total: 1 }, stock: { total: 0 } }],
    ["ROTATION_NEGATIVE", { releases: { total: 1, mutations: 2 }, stock: { total: 10 } }],
    ["ROTATION_SUPERIEURE_A_UN", { releases: { total: 11 }, stock: { total: 10 } }],
  ])("%s from the rotation data", (code, rotation) => {
    const outcome = computeFlux({ assiette: 10, rotation, reservataires: [] });
    expect(outcome).toMatchObject({ ok: false, kind: "error", issues: [{ code, path: "rotation" }] });
  });

  it("SCENARIO_JSON_INVALIDE for text that is not JSON", () => {
    const outcome = computeFluxFromJson('{"assiette": 2000,');
    expect(outcome).toMatchObject({ ok: false, kind: "invalid", issues: [{ code: "SCENARIO_JSON_INVALIDE" }] });
    expect(!outcome.ok && outcome.issues[0].message).toMatch(/^Le fichier de scénario n'est pas un JSON valide/);
  });

  it("reads JSON with a byte-order mark", () => {
    expect(computeFluxFromJson(`\uFEFF${JSON.stringify(exampleA)}`).ok).toBe(true);
  });
});
