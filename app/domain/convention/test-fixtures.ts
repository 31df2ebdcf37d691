// States for tests (this module's and the server's): DOMAIN.md example A as a complete convention, with parties,
// signatories, an inventory summary and typed parameters. Each builder returns a fresh object; pass overrides.
import type { InventoryAggregates, InventoryBreakdown } from "../inventory/aggregate";
import { expandTemplate } from "./expand";
import type { ConventionState, PartyInfo } from "./state";
import type { ConventionTemplate } from "./template-schema";

const breakdown = (assiette: number, excluded: number, reserved: Record<string, number> = {}): InventoryBreakdown => ({
  assiette,
  excluded,
  reservedByReservataire: reserved,
});

/** Example A's inventory: assiette 2 000 with 410 / 90 / 560 / 160 / 60 reserved, 720 non réservés, 25 excluded. */
export function exampleAggregates(): InventoryAggregates {
  const reserved = { al: 560, cd31: 60, "ddets-fonct": 90, "ddets-prio": 410, "ville-de-muret": 160 };
  return {
    dwellings: 2025,
    assiette: 2000,
    exclusions: { defense: 4, securite_interieure: 0, sante: 0, vente: 12, demolition: 6, etudiants: 3, specifique: 0 },
    reservedByReservataire: reserved,
    nonReserved: 720,
    byDepartement: { "31": breakdown(2000, 25, reserved) },
    byCommune: {
      "31395": breakdown(1200, 15, { al: 300, "ddets-prio": 250, "ville-de-muret": 160 }),
      "31555": breakdown(800, 10, { al: 260, cd31: 60, "ddets-fonct": 90, "ddets-prio": 160 }),
    },
    byEpci: { "243100518": breakdown(2000, 25, reserved) },
    byQpv: { hors_qpv: breakdown(1500, 20), qpv: breakdown(500, 5) },
    byTypologie: { T1: breakdown(150, 2), T2: breakdown(500, 5), T3: breakdown(800, 10), T4: breakdown(450, 6), T5: breakdown(100, 2) },
    byFinancement: { PLAI: breakdown(400, 5), PLUS: breakdown(1400, 18), PLS: breakdown(200, 2) },
    byHabitat: { collectif: breakdown(1800, 20), individuel: breakdown(200, 5) },
  };
}

/** The parties of example A, each with a signatory; the bailleur pilots. */
export function exampleParties(): PartyInfo[] {
  return [
    { id: "org-bailleur", name: "Habitat Garonne", kind: "bailleur", role: "edition", pilot: true, signatory: { name: "Claire Martin", title: "Directrice générale" }, contact: { name: "Paul Roux", email: "flux@habitat-garonne.example", phone: "05 61 00 00 00" } },
    { id: "org-prefet", name: "Préfecture de la Haute-Garonne (DDETS)", kind: "prefet", role: "edition", signatory: { name: "Jean Dupont", title: "Préfet de la Haute-Garonne" } },
    { id: "org-al", name: "Action Logement Services", kind: "action_logement", role: "edition", signatory: { name: "Sophie Bernard", title: "Directrice régionale" } },
    { id: "org-muret", name: "Ville de Muret", kind: "commune", role: "commentaire", signatory: { name: "Marc Petit", title: "Maire" } },
    { id: "org-cd31", name: "Conseil départemental de la Haute-Garonne", kind: "departement", role: "lecture", signatory: { name: "Anne Morel", title: "Présidente" } },
  ];
}

/**
 * A complete convention on example A from `template`: rate 0.08 typed (option definition_rotation "saisi"),
 * deductions 20 mutations + 12 ANRU relogements, the inventory above. Parties default to example A's.
 */
export function exampleState(template: ConventionTemplate, overrides: Partial<ConventionState> = {}): ConventionState {
  const parties = overrides.parties ?? exampleParties();
  const expanded = expandTemplate(template, {
    conventionId: "conv-a",
    title: "Convention de réservation en flux 2026",
    year: 2026,
    departement: "31",
    epci: "Toulouse Métropole",
    commune: "Muret",
    startDate: "2026-01-01",
    parties,
  });
  return {
    id: "conv-a",
    ...expanded,
    meta: { ...expanded.meta, signaturePlace: "Toulouse" },
    parties,
    parameters: {
      rotationMethod: "saisi",
      rotationRate: "0.08",
      deductions: { mutations: 20, anru: 12, orcod: 0, lhi: 0, ventes: 0 },
    },
    options: { ...expanded.options, definition_rotation: { choice: "saisi" } },
    inventory: {
      importId: "imp-1",
      importedAt: "2026-01-15T10:00:00.000Z",
      fileName: "inventaire-2025.csv",
      year: 2025,
      aggregates: exampleAggregates(),
    },
    ...overrides,
  };
}
