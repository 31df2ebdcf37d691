import { describe, expect, it } from "vitest";

import { computeValidatedFlux } from "../flux";
import { InventoryAggregator } from "./aggregate";
import type { InventoryRow } from "./row";
import { scenarioFromInventory } from "./scenario";

const row = (index: number, patch: Partial<InventoryRow>): InventoryRow => ({
  line: index + 2,
  rpls: String(1_000_000_000 + index),
  reservataire: null,
  departement: "31",
  epci: "243100518",
  commune: "31555",
  qpv: false,
  typologie: "T3",
  financement: "PLUS",
  habitat: "collectif",
  rotationBailleur: "0.1",
  rotationExReservataire: null,
  conventionStart: null,
  conventionEnd: null,
  exclusion: null,
  ...patch,
});

// The seed example as an inventory: 15 000 dwellings of which 500 excluded; the département holds 2 900 of the
// assiette (20 %), 100 of its dwellings are in the excluded ones.
function seedAggregates() {
  const aggregator = new InventoryAggregator();
  for (let index = 0; index < 15_000; index++) {
    aggregator.add(
      row(index, {
        reservataire: index < 3000 ? "cd" : index < 3100 ? "region" : null,
        exclusion: index >= 2900 && index < 3000 ? "demolition" : index >= 14_600 ? "etudiants" : null,
        commune: index % 2 ? "31555" : "31069",
        departement: "31",
      }),
    );
  }
  return aggregator.result();
}

describe("inventory → scenario", () => {
  it("seed example from an inventory: assiette 14 500, 20 % → 200 of a flux of 1 000", () => {
    const aggregates = seedAggregates();
    expect(aggregates).toMatchObject({ version: 2, dwellings: 15_000, codes: { cd: 3000, region: 100 }, departements: { "31": 15_000 } });
    expect(aggregates.communes["31069"].classes.flux?.dwellings).toBe(7250);
    expect(aggregates.communes["31069"].classes.demolition?.dwellings).toBe(50);

    const built = scenarioFromInventory(aggregates, {
      rotationRate: "0.10",
      deductions: { mutations: 300, relogements: 150 },
      reservataires: [
        { id: "cd", kind: "departement" },
        { id: "pp", kind: "prefet_prioritaires" },
      ],
    });
    if (!built.ok) throw new Error(built.issues[0].message);
    expect(built.scenario.assiette).toBe(14_500);
    expect(built.scenario.reservataires).toEqual([
      { id: "cd", kind: "departement", reserved: 2900 },
      { id: "pp", kind: "prefet_prioritaires", reserved: 0 },
    ]);
    expect(built.warnings.map((warning) => warning.code)).toEqual(["INVENTAIRE_LIGNE_SANS_LOGEMENT", "INVENTAIRE_RESERVATAIRE_SANS_LIGNE"]);
    expect(built.warnings[1].message).toContain("« region » détient 100\u00a0logements du territoire");
    expect(built.perimeter).toEqual({ territory: null, dwellings: 15_000, assiette: 14_500 });

    const outcome = computeValidatedFlux(built.scenario);
    expect(outcome.ok && outcome.result.lines.map((line) => [line.id, line.rounded])).toEqual([
      ["cd", 200],
      ["pp", 0],
      ["bailleur", 800],
    ]);
  });

  it("keeps negotiated shares and droits-de-suite lines as the parameters give them", () => {
    const built = scenarioFromInventory(seedAggregates(), {
      year: 2026,
      rotationRate: "0.1",
      reservataires: [
        { id: "cd", kind: "departement", share: "0.15" },
        { id: "al", kind: "action_logement", method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 10, end: "2030-12-31" }] },
      ],
    });
    expect(built.ok && built.scenario.reservataires).toEqual([
      { id: "cd", kind: "departement", share: "0.15", reserved: 2900 },
      { id: "al", kind: "action_logement", method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 10, end: "2030-12-31" }] },
    ]);
  });

  it("refuses parameters that carry what the inventory gives, with French messages and paths", () => {
    const built = scenarioFromInventory(seedAggregates(), { assiette: 3, rotationRate: "0.1", reservataires: [{ id: "cd", kind: "departement", reserved: 1 }] });
    expect(!built.ok && built.issues.map((issue) => issue.path)).toEqual(["reservataires[0].reserved", "assiette"]);
  });

  it("refuses an inventory spanning several départements without a territory, and computes on a territory's rows", () => {
    const aggregator = new InventoryAggregator();
    aggregator.add(row(0, { departement: "31", reservataire: "cd" }));
    aggregator.add(row(1, { departement: "32", commune: "32013", reservataire: "cd" }));
    aggregator.add(row(2, { departement: "32", commune: "32013", exclusion: "vente" }));
    const params = { rotationRate: "0.5", reservataires: [{ id: "cd", kind: "departement" }] };
    const refused = scenarioFromInventory(aggregator.result(), params);
    expect(!refused.ok && refused.issues[0].message).toMatch(/L'inventaire couvre plusieurs départements \(31, 32\) : précisez le territoire/);
    const inGers = scenarioFromInventory(aggregator.result(), { ...params, territory: { departement: "32" } }, { given: { departement: "32" }, inTerritory: (_insee, d) => d === "32" });
    expect(inGers.ok && inGers.perimeter).toEqual({ territory: { departement: "32" }, dwellings: 2, assiette: 1 });
    expect(inGers.ok && inGers.scenario.reservataires).toEqual([{ id: "cd", kind: "departement", reserved: 1 }]);
  });

  it("counts several codes of the file on one line, and includes students' housing when asked", () => {
    const aggregator = new InventoryAggregator();
    aggregator.add(row(0, { reservataire: "4" }));
    aggregator.add(row(1, { reservataire: "ville" }));
    aggregator.add(row(2, { reservataire: "ville", exclusion: "etudiants" }));
    const built = scenarioFromInventory(aggregator.result(), {
      rotationRate: "0.5",
      exclusions: { etudiants: false },
      reservataires: [{ id: "commune", kind: "commune", codes: ["4", "ville"] }],
    });
    expect(built.ok && built.scenario.assiette).toBe(3);
    expect(built.ok && built.scenario.reservataires).toEqual([{ id: "commune", kind: "commune", reserved: 3 }]);
  });
});
