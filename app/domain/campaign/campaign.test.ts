import { describe, expect, it } from "vitest";
import { aggregateRows } from "../inventory/aggregate";
import type { InventoryRow } from "../inventory/row";
import { mappingKey, type CodeMapping } from "../perimeter/reservataires";
import { envoiStatus, filterPairs, pairKey, territoryPairs, type CampaignOrganisation } from ".";

const row = (line: number, commune: string, reservataire: string | null, exclusion: InventoryRow["exclusion"] = null): InventoryRow => ({
  line,
  rpls: `031${String(line).padStart(7, "0")}`,
  reservataire,
  departement: commune.slice(0, 2),
  epci: "243100518",
  commune,
  qpv: false,
  typologie: "T3",
  financement: "PLUS",
  habitat: "collectif",
  rotationBailleur: "0.08",
  rotationExReservataire: null,
  conventionStart: null,
  conventionEnd: null,
  exclusion,
});

describe("sending the état des lieux", () => {
  it("is on time up to 28 February inclusive, late after; unsent becomes late the day after", () => {
    expect(envoiStatus("2026-02-28", 2026, "2026-06-01")).toBe("envoye_a_temps");
    expect(envoiStatus("2026-03-01", 2026, "2026-06-01")).toBe("envoye_en_retard");
    expect(envoiStatus(null, 2026, "2026-02-28")).toBe("a_envoyer");
    expect(envoiStatus(null, 2026, "2026-03-01")).toBe("en_retard");
    expect(envoiStatus(null, 2027, "2026-12-01")).toBe("a_envoyer");
  });
});

describe("pairs of a territory", () => {
  const orgs: CampaignOrganisation[] = [
    { id: "prefet", name: "Préfecture de la Haute-Garonne", kind: "prefet" },
    { id: "al", name: "Action Logement Services", kind: "action_logement" },
    { id: "blagnac", name: "Ville de Blagnac", kind: "commune" },
    { id: "metropole", name: "Toulouse Métropole", kind: "epci" },
    { id: "b1", name: "Habitat Garonne", kind: "bailleur" },
  ];
  const organisations = new Map(orgs.map((o) => [o.id, o]));
  // Blagnac (31069) and Toulouse (31555) in the Métropole, Muret (31395) outside it.
  const aggregates = aggregateRows([
    row(2, "31069", "bla"),
    row(3, "31069", "bla", "vente"),
    row(4, "31555", "prio"),
    row(5, "31555", "fonct"),
    row(6, "31395", "prio"),
    row(7, "31395", "al"),
    row(8, "31555", null),
  ]);
  const mapping: CodeMapping = {
    [mappingKey("31", "bla")]: { organisationId: "blagnac", kind: "commune" },
    [mappingKey("31", "prio")]: { organisationId: "prefet", kind: "prefet_prioritaires" },
    [mappingKey("31", "fonct")]: { organisationId: "prefet", kind: "prefet_fonctionnaires" },
    [mappingKey("31", "al")]: { organisationId: "al", kind: "action_logement" },
  };
  const metropole = new Set(["31069", "31555"]);
  const base = {
    year: 2026,
    today: "2026-03-10",
    organisations,
    bailleurs: [{ id: "b1", name: "Habitat Garonne", inventory: { importId: "i1", aggregates, mapping } }],
  };

  it("lists who holds dwellings on the territory, each préfet kind counted once for the State, and the parties of its conventions", () => {
    const pairs = territoryPairs({
      ...base,
      inTerritory: (insee) => metropole.has(insee),
      conventions: [
        { id: "c1", title: "Multipartite", status: "en_negociation", partyIds: ["b1", "metropole", "prefet"], optionsWithoutConsensus: 2, overdueDeadlines: 1 },
      ],
      firstSent: new Map([[pairKey("b1", "prefet"), "2026-02-20"]]),
    });
    expect(pairs.map((p) => [p.reservataire.id, p.reservedDwellings, p.conventionState, p.envoi.status])).toEqual([
      ["prefet", 2, "en_negociation", "envoye_a_temps"],
      ["metropole", 0, "en_negociation", "en_retard"],
      ["blagnac", 2, "aucune", "en_retard"],
    ]);
    // Action Logement holds a dwelling in Muret only: not on this territory.
    expect(pairs.some((p) => p.reservataire.id === "al")).toBe(false);
    expect(pairs[0].conventions).toEqual([{ id: "c1", title: "Multipartite", status: "en_negociation", optionsWithoutConsensus: 2, overdueDeadlines: 1 }]);
  });

  it("keeps the most advanced convention of a pair, and filters", () => {
    const pairs = territoryPairs({
      ...base,
      inTerritory: () => true,
      conventions: [
        {
          id: "c1",
          title: "Préfectorale",
          status: "signee",
          partyIds: ["b1", "prefet"],
          optionsWithoutConsensus: 0,
          overdueDeadlines: 0,
          bilan: { [pairKey("b1", "prefet")]: { objective: 12, counted: 5 } },
        },
        { id: "c2", title: "Multipartite", status: "brouillon", partyIds: ["b1", "prefet", "al"], optionsWithoutConsensus: 0, overdueDeadlines: 0 },
      ],
      firstSent: new Map(),
    });
    const prefet = pairs.find((p) => p.reservataire.id === "prefet")!;
    expect(prefet.conventionState).toBe("signee");
    // The bilan shown is the signed convention's, not the draft's.
    expect(prefet.bilan).toEqual({ objective: 12, counted: 5 });
    expect(pairs.find((p) => p.reservataire.id === "al")!.bilan).toBeNull();
    expect(prefet.reservedDwellings).toBe(3);
    expect(filterPairs(pairs, { convention: "aucune" }).map((p) => p.reservataire.id)).toEqual(["blagnac"]);
    expect(filterPairs(pairs, { reservataire: "al" }).map((p) => p.conventionState)).toEqual(["brouillon"]);
  });
});
