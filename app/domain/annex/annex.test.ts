// The annual annex's pure parts: the years it may cover, the year-over-year change (worked example and properties),
// the tables it prints, and what it needs before it is generated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { computeConventionFlux } from "../convention/scenario";
import type { ConventionState } from "../convention/state";
import { TemplateSchema } from "../convention/template-schema";
import { exampleState, HOLDER } from "../convention/test-fixtures";
import { NNBSP } from "../typography";
import { compareFlux, renderComparison } from "./comparison";
import { annexMissing } from "./missing";
import { comparisonTableModel, deductionsTableModel, formatCountChange, formatPointsChange } from "./tables";
import { annexApprovalText } from "./text";
import { annexYears } from "./years";

const template = TemplateSchema.parse(prefectoral);

/** Example A of docs/domain.md moved to 2027: a rate of 9 %, Action Logement negotiated at 30 %. */
function year2027(base: ConventionState): ConventionState {
  const state = structuredClone(base);
  state.meta.year = 2027;
  const flux = state.flux!;
  flux.year = 2027;
  flux.bailleurs[0].counts!.rotationBailleur = { "0.09": 2025 };
  flux.bailleurs[0].rotation.departemental = { "0.09": 2025 };
  flux.bailleurs[0].terms = { ...flux.bailleurs[0].terms, shares: { [HOLDER.al]: "0.3" } };
  return state;
}

describe("annexYears", () => {
  it("lists the years of the period after the convention's own", () => {
    expect(annexYears({ year: 2026, startDate: "2026-01-01", durationYears: 6 })).toEqual([2027, 2028, 2029, 2030, 2031]);
    // A period that starts in July runs into a seventh calendar year.
    expect(annexYears({ year: 2026, startDate: "2026-07-01", durationYears: 6 })).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
    expect(annexYears({ year: 2026, startDate: "2026-01-01", durationYears: 1 })).toEqual([]);
  });
});

describe("compareFlux: example A from 2026 to 2027", () => {
  const base = exampleState(template);
  const year = year2027(base);
  const comparison = compareFlux(computeConventionFlux(base), computeConventionFlux(year));
  const rendered = renderComparison(comparison);

  it("pairs every line of the view and subtracts exactly", () => {
    // 2026: flux 128 → 26 / 6 / 36 / 10 / 4 / 46. 2027: 2 000 × 9 % − 32 = 148, Action Logement at 30 %:
    // volumes 30,34 / 6,66 / 44,4 / 11,84 / 4,44 / 50,32 → 30 / 7 / 44 / 12 / 5 / 50 (largest remainders).
    const [table] = rendered.tables;
    expect(table.lines.map((line) => [line.key, line.base?.rounded, line.year?.rounded, line.change.rounded])).toEqual([
      [HOLDER.prio, 26, 30, 4],
      [HOLDER.fonct, 6, 7, 1],
      [HOLDER.al, 36, 44, 8],
      [HOLDER.muret, 10, 12, 2],
      [HOLDER.cd31, 4, 5, 1],
      ["bailleur", 46, 50, 4],
    ]);
    expect(table.lines.find((line) => line.key === HOLDER.al)?.change).toEqual({ share: "0.02", points: "2", rounded: 8 });
    expect(table.lines.find((line) => line.key === "bailleur")?.change).toEqual({ share: "-0.02", points: "-2", rounded: 4 });
    expect(table.change).toEqual({ flux: "20", fluxRounded: 20 });
    expect(rendered.consolidated).toBeNull();
  });

  it("prints the change table with signed changes and the totals", () => {
    const model = comparisonTableModel(rendered, { base: 2026, year: 2027, baseLabel: "la convention" });
    expect(model.columns.map((column) => column.label)).toEqual(["Réservataire", "Part 2026", "Part 2027", "Écart (points)", "Logements 2026", "Logements 2027", "Écart (logements)"]);
    const al = model.rows.find((row) => row.values?.key === HOLDER.al)!;
    expect(al.cells.slice(1)).toEqual([`28,00${NNBSP}%`, `30,00${NNBSP}%`, "+2,00", "36", "44", "+8"]);
    const bailleur = model.rows.find((row) => row.values?.key === "bailleur")!;
    expect(bailleur.cells.slice(1, 4)).toEqual([`36,00${NNBSP}%`, `34,00${NNBSP}%`, "\u22122,00"]);
    expect(model.rows.at(-1)?.cells).toEqual(["Total", `100,00${NNBSP}%`, `100,00${NNBSP}%`, "", "128", "148", "+20"]);
  });

  it("approves a text that changes with any figure of the year or of the base", () => {
    const years = { base: 2026, year: 2027, baseLabel: "la convention" };
    const text = annexApprovalText(year, computeConventionFlux(year), rendered, years);
    expect(text).toContain("Annexe annuelle 2027");
    const moved = year2027(base);
    moved.flux!.bailleurs[0].terms.deductions = { mutations: 21, anru: 12, orcod: 0, lhi: 0, ventes: 0 };
    const movedFlux = computeConventionFlux(moved);
    expect(annexApprovalText(moved, movedFlux, renderComparison(compareFlux(computeConventionFlux(base), movedFlux)), years)).not.toBe(text);
  });
});

describe("compareFlux: properties", () => {
  const counts = fc.record({ prio: fc.nat(400), al: fc.nat(600), muret: fc.nat(200), free: fc.integer({ min: 1, max: 900 }) });
  const rate = fc.constantFrom("0.06", "0.07", "0.08", "0.095", "0.1");
  const deductions = fc.record({ mutations: fc.nat(20), anru: fc.nat(10), orcod: fc.constant(0), lhi: fc.constant(0), ventes: fc.nat(5) });
  const scenario = fc.record({ counts, rate, deductions });

  function stateOf(input: { counts: { prio: number; al: number; muret: number; free: number }; rate: string; deductions: Record<string, number> }, year: number): ConventionState {
    const state = exampleState(template);
    state.meta.year = year;
    const b = state.flux!.bailleurs[0];
    const reserved: Record<string, number> = { [HOLDER.prio]: input.counts.prio, [HOLDER.al]: input.counts.al, [HOLDER.muret]: input.counts.muret };
    const assiette = input.counts.prio + input.counts.al + input.counts.muret + input.counts.free;
    b.counts = { ...b.counts!, dwellings: assiette, classes: { flux: { dwellings: assiette, reserved } }, rotationBailleur: { [input.rate]: assiette } };
    b.rotation = { departemental: { [input.rate]: assiette }, local: null, data: null };
    b.terms = { deductions: input.deductions as never, shares: {}, droitsDeSuite: {} };
    return state;
  }

  it("each change is the year's figure minus the base's; dwellings' changes sum to the change of the rounded flux", () => {
    fc.assert(
      fc.property(scenario, scenario, (a, b) => {
        const base = computeConventionFlux(stateOf(a, 2026));
        const year = computeConventionFlux(stateOf(b, 2027));
        fc.pre(base.tables[0].calculation !== null && year.tables[0].calculation !== null);
        const [table] = compareFlux(base, year).tables;
        const keys = table.lines.map((line) => line.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set([...base.tables[0].view!, ...year.tables[0].view!].map((line) => line.key)));
        let rounded = 0n;
        for (const line of table.lines) {
          expect(line.change.rounded).toBe((line.year?.rounded ?? 0n) - (line.base?.rounded ?? 0n));
          const share = line.change.share;
          const expected = { num: (line.year?.share.num ?? 0n) * (line.base?.share.den ?? 1n) - (line.base?.share.num ?? 0n) * (line.year?.share.den ?? 1n), den: (line.year?.share.den ?? 1n) * (line.base?.share.den ?? 1n) };
          expect(share.num * expected.den).toBe(expected.num * share.den);
          rounded += line.change.rounded;
        }
        expect(rounded).toBe(year.tables[0].calculation!.fluxRounded - base.tables[0].calculation!.fluxRounded);
        expect(table.change?.fluxRounded).toBe(rounded);
      }),
      { numRuns: 200, seed: 20270101 },
    );
  });
});

describe("the annex's tables", () => {
  it("formats changes with their sign, the minus sign below zero", () => {
    expect([formatPointsChange("1.25"), formatPointsChange("-0.4"), formatPointsChange("0"), formatPointsChange("-0.001")]).toEqual(["+1,25", "\u22120,40", "0,00", "0,00"]);
    expect([formatCountChange(3), formatCountChange(-1234), formatCountChange(0)]).toEqual(["+3", `\u22121${NNBSP}234`, "0"]);
  });

  it("prints each bailleur's forecast deductions of the year", () => {
    const state = year2027(exampleState(template));
    const model = deductionsTableModel(computeConventionFlux(state), 2027);
    expect(model.columns.map((column) => column.label)).toEqual(["Déduction prévisionnelle", "Habitat Garonne"]);
    expect(model.rows.map((row) => row.cells)).toEqual([
      ["Mutations internes", "20"],
      ["Relogements ANRU / NPNRU", "12"],
      ["Relogements ORCOD", "0"],
      ["Relogements LHI", "0"],
      ["Relogements liés aux ventes", "0"],
      ["Total déduit du flux", "32"],
    ]);
  });
});

describe("annexMissing", () => {
  it("says nothing is missing when every table computes with its deductions entered", () => {
    const state = year2027(exampleState(template));
    expect(annexMissing(state, computeConventionFlux(state))).toEqual([]);
  });

  it("names the bailleur without an état des lieux of the year, and where it imports it", () => {
    const state = year2027(exampleState(template));
    state.flux!.bailleurs[0] = { ...state.flux!.bailleurs[0], status: "sans_etat_des_lieux", counts: null, inventory: null };
    expect(annexMissing(state, computeConventionFlux(state))).toEqual([
      "Habitat Garonne n'a pas encore d'état des lieux confirmé pour 2027 : ses membres l'importent depuis le menu « État des lieux ».",
    ]);
  });

  it("asks for the forecast deductions of the year, with where to enter them", () => {
    const state = year2027(exampleState(template));
    state.flux!.bailleurs[0].terms.deductions = null;
    const [missing] = annexMissing(state, computeConventionFlux(state));
    expect(missing).toMatch(/^Habitat Garonne n'a pas encore saisi ses déductions prévisionnelles 2027 .* pour le département de la Haute-Garonne .*« Annexes annuelles du flux »/);
  });
});
