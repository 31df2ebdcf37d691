// States for tests (this module's and the server's): example A of docs/domain.md as a complete convention, with
// parties, signatories, the bailleur's counts on the territory, a file rate of 8 % and its deductions. Each builder
// returns a fresh object; pass overrides.
import type { TerritoryCounts } from "../perimeter/counts";
import type { FluxInputs, TerritoryRef } from "../perimeter/inputs";
import { reservataireKey } from "../perimeter/reservataires";
import { expandTemplate } from "./expand";
import type { ConventionState, PartyInfo } from "./state";
import type { ConventionTemplate } from "./template-schema";

export const EXAMPLE_TERRITORY: TerritoryRef = {
  key: "departement:31",
  kind: "departement",
  codes: ["31"],
  label: "le département de la Haute-Garonne",
  departements: ["31"],
};

export const HOLDER = {
  prio: reservataireKey({ organisationId: "org-prefet", kind: "prefet_prioritaires" }),
  fonct: reservataireKey({ organisationId: "org-prefet", kind: "prefet_fonctionnaires" }),
  al: reservataireKey({ organisationId: "org-al", kind: "action_logement" }),
  muret: reservataireKey({ organisationId: "org-muret", kind: "commune" }),
  cd31: reservataireKey({ organisationId: "org-cd31", kind: "departement" }),
};

/** Example A's counts: assiette 2 000 with 410 / 90 / 560 / 160 / 60 reserved, 720 non réservés, 25 excluded. */
export function exampleCounts(): TerritoryCounts {
  return {
    dwellings: 2025,
    classes: {
      flux: { dwellings: 2000, reserved: { [HOLDER.prio]: 410, [HOLDER.fonct]: 90, [HOLDER.al]: 560, [HOLDER.muret]: 160, [HOLDER.cd31]: 60 } },
      defense: { dwellings: 4, reserved: {} },
      vente: { dwellings: 12, reserved: {} },
      demolition: { dwellings: 6, reserved: {} },
      etudiants: { dwellings: 3, reserved: { [HOLDER.al]: 1 } },
    },
    unmapped: {},
    communes: { "31395": { flux: 1200, vente: 12, demolition: 3 }, "31555": { flux: 800, defense: 4, demolition: 3, etudiants: 3 } },
    typologie: { T1: { flux: 150 }, T2: { flux: 500 }, T3: { flux: 800, etudiants: 3 }, T4: { flux: 450 }, T5: { flux: 100 } },
    financement: { PLAI: { flux: 400 }, PLUS: { flux: 1400 }, PLS: { flux: 200 } },
    qpv: { hors_qpv: { flux: 1500 }, qpv: { flux: 500 } },
    habitat: { collectif: { flux: 1800 }, individuel: { flux: 200 } },
    rotationBailleur: { "0.08": 2025 },
    rotationLocal: {},
    rotationLocalComplete: false,
  };
}

/** The parties of example A, each with a complete signature block (legal identity, signatory); the bailleur pilots. */
export function exampleParties(): PartyInfo[] {
  return [
    {
      id: "org-bailleur",
      name: "Habitat Garonne",
      kind: "bailleur",
      role: "edition",
      pilot: true,
      signatory: { civility: "Mme", name: "Claire Martin", title: "Directrice générale" },
      legal: { name: "Habitat Garonne", form: "oph", siren: "399123454", address: "12 allée des Tilleuls, 31000 Toulouse" },
      contact: { name: "Paul Roux", email: "flux@habitat-garonne.example", phone: "05 61 00 00 00" },
    },
    {
      id: "org-prefet",
      name: "Préfecture de la Haute-Garonne (DDETS)",
      kind: "prefet",
      role: "edition",
      signatory: { civility: "M.", name: "Jean Dupont", title: "Préfet de la Haute-Garonne" },
    },
    {
      id: "org-al",
      name: "Action Logement Services",
      kind: "action_logement",
      role: "edition",
      signatory: { civility: "Mme", name: "Sophie Bernard", title: "Directrice régionale" },
      legal: { name: "Action Logement Services", form: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" },
    },
    {
      id: "org-muret",
      name: "Ville de Muret",
      kind: "commune",
      role: "commentaire",
      signatory: { civility: "M.", name: "Marc Petit", title: "Maire", act: { number: "2025-112", date: "2025-11-18" } },
      legal: { name: "Commune de Muret", form: "commune", siren: "500123450", address: "Place de l'Hôtel de Ville, 31600 Muret" },
    },
    {
      id: "org-cd31",
      name: "Conseil départemental de la Haute-Garonne",
      kind: "departement",
      role: "lecture",
      signatory: { civility: "Mme", name: "Anne Morel", title: "Présidente du conseil départemental", act: { number: "2025-CP-0412", date: "2025-10-21" } },
      legal: { name: "Département de la Haute-Garonne", form: "departement", siren: "888123452", address: "Hôtel du Département, 31090 Toulouse" },
    },
  ];
}

/** Example A's flux inputs: one bailleur, its counts, the file's rate of 8 %, deductions 20 mutations + 12 ANRU. */
export function exampleFlux(parties: readonly PartyInfo[] = exampleParties()): FluxInputs {
  const partyIds = new Set(parties.map((p) => p.id));
  const holder = (key: string, organisationId: string, name: string, kind: FluxInputs["holders"][string]["kind"]) => ({ key, organisationId, name, kind, party: partyIds.has(organisationId) });
  return {
    year: 2026,
    holders: {
      [HOLDER.prio]: holder(HOLDER.prio, "org-prefet", "Préfecture de la Haute-Garonne (DDETS)", "prefet_prioritaires"),
      [HOLDER.fonct]: holder(HOLDER.fonct, "org-prefet", "Préfecture de la Haute-Garonne (DDETS)", "prefet_fonctionnaires"),
      [HOLDER.al]: holder(HOLDER.al, "org-al", "Action Logement Services", "action_logement"),
      [HOLDER.muret]: holder(HOLDER.muret, "org-muret", "Ville de Muret", "commune"),
      [HOLDER.cd31]: holder(HOLDER.cd31, "org-cd31", "Conseil départemental de la Haute-Garonne", "departement"),
    },
    communeNames: { "31395": "Muret", "31555": "Toulouse" },
    bailleurs: [
      {
        id: "org-bailleur",
        name: "Habitat Garonne",
        status: "pret",
        inventory: { importId: "imp-1", fileName: "inventaire-2025.csv", importedAt: "2026-01-15T10:00:00.000Z", year: 2026, rows: 2025 },
        counts: exampleCounts(),
        rotation: { departemental: { "0.08": 2025 }, local: null, data: null },
        terms: { deductions: { mutations: 20, anru: 12, orcod: 0, lhi: 0, ventes: 0 }, shares: {}, droitsDeSuite: {} },
      },
    ],
  };
}

/** A complete convention on example A from `template`. Parties default to example A's. */
export function exampleState(template: ConventionTemplate, overrides: Partial<ConventionState> = {}): ConventionState {
  const parties = overrides.parties ?? exampleParties();
  const expanded = expandTemplate(template, {
    conventionId: "conv-a",
    title: "Convention de réservation en flux 2026",
    year: 2026,
    departement: "31",
    territory: EXAMPLE_TERRITORY,
    startDate: "2026-01-01",
    parties,
  });
  return {
    id: "conv-a",
    ...expanded,
    parties,
    parameters: { signaturePlace: "Toulouse" },
    options: { ...expanded.options },
    flux: exampleFlux(parties),
    ...overrides,
  };
}
