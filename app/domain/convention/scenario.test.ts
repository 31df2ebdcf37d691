import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { computeFlux } from "../flux";
import { buildScenario, computeConventionFlux } from "./scenario";
import { TemplateSchema } from "./template-schema";
import { exampleState } from "./test-fixtures";

const template = TemplateSchema.parse(prefectoral);

describe("buildScenario", () => {
  it("writes example A in the CLI's scenario format", () => {
    expect(buildScenario(exampleState(template))).toEqual({
      year: 2026,
      assiette: 2000,
      rotationRate: "0.08",
      deductions: { mutations: 20, relogements: 12 },
      reservataires: [
        { id: "prefet_prioritaires", kind: "prefet_prioritaires", reserved: 410 },
        { id: "prefet_fonctionnaires", kind: "prefet_fonctionnaires", reserved: 90 },
        { id: "action_logement", kind: "action_logement", reserved: 560 },
        { id: "commune", kind: "commune", reserved: 160 },
        { id: "departement", kind: "departement", reserved: 60 },
      ],
    });
  });

  it("sums every relogement category into relogements", () => {
    const state = exampleState(template);
    state.parameters.deductions = { mutations: 1, anru: 2, orcod: 3, lhi: 4, ventes: 5 };
    expect((buildScenario(state) as { deductions: unknown }).deductions).toEqual({ mutations: 1, relogements: 14 });
  });

  it("uses a negotiated share instead of the reserved dwellings", () => {
    const state = exampleState(template);
    state.lines[0] = { ...state.lines[0], share: "0.25" };
    const scenario = buildScenario(state) as { reservataires: unknown[] };
    expect(scenario.reservataires[0]).toEqual({ id: "prefet_prioritaires", kind: "prefet_prioritaires", share: "0.25" });
  });

  it("gives the rotation data of year n-1 for the standard and alternative definitions", () => {
    const state = exampleState(template);
    state.parameters = {
      ...state.parameters,
      rotationMethod: "alternative",
      rotationRate: "0.5",
      releases: { total: 180, students: 0, specific: 0, mutations: 28, anru: 10, orcod: 0, lhi: 2 },
      stock: { total: 2000, students: 0, specific: 0, sale: 0, demolition: 0 },
    };
    const scenario = buildScenario(state) as Record<string, unknown>;
    expect(scenario.rotationRate).toBeUndefined();
    expect(scenario.rotation).toEqual({ method: "alternative", releases: state.parameters.releases, stock: state.parameters.stock });
    const outcome = computeConventionFlux(state).outcome;
    expect(outcome.ok && outcome.result.rotationRate).toBe("0.084");
  });

  it("counts an assiette of 0 and no reserved dwellings without inventory", () => {
    const scenario = buildScenario(exampleState(template, { inventory: null })) as { assiette: number; reservataires: { reserved: number }[] };
    expect(scenario.assiette).toBe(0);
    expect(scenario.reservataires.every((line) => line.reserved === 0)).toBe(true);
  });

  it("writes droits-de-suite lines with their programmes", () => {
    const state = exampleState(template);
    state.lines[2] = {
      ...state.lines[2],
      method: "droits_de_suite",
      programmes: [{ id: "P1", droitsDeSuite: 40, end: "2030-12-31" }],
      firstLettings: [{ year: 2026, droitsUniques: 12 }],
    };
    expect((buildScenario(state) as { reservataires: unknown[] }).reservataires[2]).toEqual({
      id: "action_logement",
      kind: "action_logement",
      method: "droits_de_suite",
      programmes: [{ id: "P1", droitsDeSuite: 40, end: "2030-12-31" }],
      firstLettings: [{ year: 2026, droitsUniques: 12 }],
    });
  });
});

describe("computeConventionFlux", () => {
  it("gives example A's rounded volumes 26 / 6 / 36 / 10 / 4 / 46", () => {
    const { outcome } = computeConventionFlux(exampleState(template));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.flux).toBe("128");
    expect(outcome.result.lines.map((line) => line.rounded)).toEqual([26, 6, 36, 10, 4, 46]);
    expect(outcome.result.lines.map((line) => line.volume)).toEqual(["26.24", "5.76", "35.84", "10.24", "3.84", "46.08"]);
  });

  it("equals the engine on its own scenario, for valid and invalid states", () => {
    const states = [
      exampleState(template),
      exampleState(template, { inventory: null }),
      exampleState(template, { parameters: { rotationMethod: "standard", deductions: { mutations: 0, anru: 0, orcod: 0, lhi: 0, ventes: 0 } } }),
      exampleState(template, { parameters: { rotationMethod: "saisi", rotationRate: "0.01", deductions: { mutations: 500, anru: 0, orcod: 0, lhi: 0, ventes: 0 } } }),
    ];
    for (const state of states) {
      const { scenario, outcome } = computeConventionFlux(state);
      expect(outcome).toEqual(computeFlux(scenario));
      expect(scenario).toEqual(buildScenario(state));
    }
  });

  it("returns the engine's French issue when the rotation data is missing", () => {
    const { outcome } = computeConventionFlux(
      exampleState(template, { parameters: { rotationMethod: "standard", deductions: { mutations: 0, anru: 0, orcod: 0, lhi: 0, ventes: 0 } } }),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0].message).toMatch(/taux de rotation manquant/);
  });
});
