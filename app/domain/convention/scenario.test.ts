import { describe, expect, it } from "vitest";
import { epciMultipartite } from "../../../templates/epci-multipartite";
import { prefectoral } from "../../../templates/prefectoral";
import { computeFlux } from "../flux";
import { computeConventionFlux } from "./scenario";
import { TemplateSchema } from "./template-schema";
import { exampleCounts, exampleFlux, exampleState, HOLDER } from "./test-fixtures";

const template = TemplateSchema.parse(prefectoral);

const onlyTable = (state: ReturnType<typeof exampleState>) => {
  const { tables } = computeConventionFlux(state);
  expect(tables).toHaveLength(1);
  return tables[0];
};

describe("computeConventionFlux: the apportionment's scenario", () => {
  it("writes example A in the CLI's scenario format, lines in the canonical order", () => {
    expect(onlyTable(exampleState(template)).scenario).toEqual({
      year: 2026,
      assiette: 2000,
      rotationRate: "0.08",
      deductions: { mutations: 20, relogements: 12 },
      reservataires: [
        { id: HOLDER.prio, kind: "prefet_prioritaires", reserved: 410 },
        { id: HOLDER.fonct, kind: "prefet_fonctionnaires", reserved: 90 },
        { id: HOLDER.al, kind: "action_logement", reserved: 560 },
        { id: HOLDER.muret, kind: "commune", reserved: 160 },
        { id: HOLDER.cd31, kind: "departement", reserved: 60 },
      ],
    });
  });

  it("sums every relogement category into relogements", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].terms.deductions = { mutations: 1, anru: 2, orcod: 3, lhi: 4, ventes: 5 };
    expect(onlyTable(state).scenario?.deductions).toEqual({ mutations: 1, relogements: 14 });
  });

  it("uses a negotiated share instead of the reserved dwellings", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].terms.shares = { [HOLDER.prio]: "0.25" };
    expect(onlyTable(state).scenario?.reservataires[0]).toEqual({ id: HOLDER.prio, kind: "prefet_prioritaires", share: "0.25" });
  });

  it("computes the rate from the bailleur's rotation data with the convention's definition", () => {
    const state = exampleState(template, { options: { definition_rotation: { choice: "alternative" } } });
    state.flux!.bailleurs[0].rotation.data = {
      releases: { total: 180, students: 0, specific: 0, mutations: 28, anru: 10, orcod: 0, lhi: 2 },
      stock: { total: 2000, students: 0, specific: 0, sale: 0, demolition: 0 },
    };
    const table = onlyTable(state);
    expect(table.scenario?.rotationRate).toBeUndefined();
    expect(table.rotation).toMatchObject({ source: "donnees", definition: "alternative" });
    expect(table.outcome?.ok && table.outcome.result.rotationRate).toBe("0.084");
    // The same data with the standard definition (docs/domain.md, example C).
    const standard = onlyTable(exampleState(template, { flux: state.flux }));
    expect(standard.outcome?.ok && standard.outcome.result.rotationRate).toBe("0.071");
  });

  it("takes a commune's or an EPCI's own rate when the état des lieux gives one for each of its communes", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation.local = { "0.075": 60, "0.1": 20 };
    const table = onlyTable(state);
    expect(table.rotation).toEqual({ source: "territoire", rate: "0.08125", averaged: true });
  });

  it("includes students' and specific housing when the convention says so", () => {
    const excluded = onlyTable(exampleState(template));
    const included = onlyTable(exampleState(template, { options: { logements_etudiants_specifiques: { choice: "inclus" } } }));
    expect(excluded.perimeter?.assiette).toBe(2000);
    expect(included.perimeter?.assiette).toBe(2003);
    expect(included.perimeter?.reserved[HOLDER.al]).toBe(561);
    expect(included.perimeter?.exclusions.etudiants.rule).toBe("inclus");
    expect(included.perimeter?.exclusions.vente.rule).toBe("droit");
    expect(included.perimeter?.exclusions.demolition.rule).toBe("droit");
  });

  it("says in French what is missing instead of computing: no rate, no inventory, no consent", () => {
    const noRate = exampleState(template);
    noRate.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: null };
    expect(onlyTable(noRate).scenario).toBeNull();
    expect(onlyTable(noRate).missing[0]).toMatch(/Taux de rotation inconnu pour Habitat Garonne : saisissez ses données de rotation 2025/);
    const noInventory = exampleState(template);
    noInventory.flux!.bailleurs[0] = { ...noInventory.flux!.bailleurs[0], status: "sans_etat_des_lieux", counts: null };
    expect(onlyTable(noInventory).missing[0]).toMatch(/n'a pas encore d'état des lieux confirmé pour 2026/);
    const invited = exampleState(template);
    invited.flux!.bailleurs[0] = { ...invited.flux!.bailleurs[0], status: "invite", counts: null };
    expect(onlyTable(invited).missing[0]).toMatch(/n'a pas encore accepté d'être partie/);
    for (const state of [noRate, noInventory, invited]) {
      const table = onlyTable(state);
      expect(table.missing.join(" ")).not.toMatch(/rotationRate|undefined|null/);
    }
  });

  it("equals the engine on its own scenario", () => {
    const table = onlyTable(exampleState(template));
    expect(table.outcome).toEqual(computeFlux(table.scenario));
  });
});

describe("computeConventionFlux: what a convention shows", () => {
  it("gives example A's rounded volumes 26 / 6 / 36 / 10 / 4 / 46 when every réservataire is a party", () => {
    const table = onlyTable(exampleState(template));
    expect(table.outcome?.ok && table.outcome.result.flux).toBe("128");
    expect(table.outcome?.ok && table.outcome.result.lines.map((line) => line.rounded)).toEqual([26, 6, 36, 10, 4, 46]);
    expect(table.view?.map((line) => [line.label, Number(line.rounded)])).toEqual([
      ["Préfecture de la Haute-Garonne (DDETS) — publics prioritaires", 26],
      ["Préfecture de la Haute-Garonne (DDETS) — agents de l'État", 6],
      ["Action Logement Services", 36],
      ["Ville de Muret", 10],
      ["Conseil départemental de la Haute-Garonne", 4],
      ["Non réservé — Habitat Garonne", 46],
    ]);
  });

  it("shows a bilateral convention its réservataire's lines, the others together, and the bailleur's non réservé line", () => {
    const parties = exampleState(template).parties.filter((p) => p.kind === "bailleur" || p.kind === "prefet");
    const table = onlyTable(exampleState(template, { parties, flux: exampleFlux(parties) }));
    expect(table.view?.map((line) => [line.key, Number(line.rounded)])).toEqual([
      [HOLDER.prio, 26],
      [HOLDER.fonct, 6],
      ["autres", 50],
      ["bailleur", 46],
    ]);
    expect(table.view?.find((line) => line.key === "autres")?.label).toBe("Autres réservataires (3)");
    // The same réservataire gets the same figure as in the convention where everyone is a party: one apportionment.
    const all = onlyTable(exampleState(template));
    expect(all.outcome).toEqual(table.outcome);
  });

  it("gives a multipartite convention one table per bailleur, each on its own counts, and their sum", () => {
    const multi = TemplateSchema.parse(epciMultipartite);
    const state = exampleState(multi);
    const second = structuredClone(state.flux!.bailleurs[0]);
    second.id = "org-bailleur-2";
    second.name = "Toit Toulousain";
    second.counts = { ...exampleCounts(), classes: { flux: { dwellings: 1000, reserved: { [HOLDER.prio]: 250, [HOLDER.al]: 100 } } }, dwellings: 1000 };
    second.terms = { deductions: null, shares: {}, droitsDeSuite: {} };
    state.flux!.bailleurs.push(second);
    const computed = computeConventionFlux(state);
    expect(computed.tables.map((t) => t.bailleur.name)).toEqual(["Habitat Garonne", "Toit Toulousain"]);
    expect(computed.tables[1].perimeter?.assiette).toBe(1000);
    expect(computed.tables[1].view?.at(-1)?.label).toBe("Non réservé — Toit Toulousain");
    expect(computed.tables[1].deductionsEntered).toBe(false);
    const c = computed.consolidated!;
    expect(c.assiette).toBe(3000);
    expect(c.fluxRounded).toBe(computed.tables[0].calculation!.fluxRounded + computed.tables[1].calculation!.fluxRounded);
    const prio = c.lines.find((line) => line.key === HOLDER.prio)!;
    expect(prio.rounded).toBe(computed.tables[0].view![0].rounded + computed.tables[1].view![0].rounded);
    expect(c.lines.at(-1)?.label).toBe("Non réservé — ensemble des bailleurs");
    expect(computed.main?.fluxRounded).toBe(c.fluxRounded);
  });
});
