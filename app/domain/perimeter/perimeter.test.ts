// Property tests of the perimeter (docs/domain.md, "Périmètre"): random inventories spread over two départements,
// three EPCIs and eight communes, counted on every kind of territory and shown to conventions of every shape.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeConventionFlux } from "../convention/scenario";
import type { ConventionState, PartyInfo } from "../convention/state";
import { InventoryAggregator } from "../inventory/aggregate";
import { EXCLUSION_REASON_CODES, type ExclusionReason } from "../inventory/cells";
import type { InventoryRow } from "../inventory/row";
import { DEFAULT_OPTIONAL_EXCLUSIONS, exclusionRule, perimeterOf } from "./assiette";
import { countTerritory } from "./counts";
import type { FluxInputs } from "./inputs";
import { builtInMeaning, normalizeCode } from "./register";
import { mappingKey, reservataireKey, type CodeMapping } from "./reservataires";
import { chooseRotation, meanRate } from "./rotation";

const SEED = 20261130;

/** A small geography: commune → département and EPCI. */
const COMMUNES: Record<string, { departement: string; epci: string }> = {
  "31555": { departement: "31", epci: "E1" },
  "31069": { departement: "31", epci: "E1" },
  "31149": { departement: "31", epci: "E1" },
  "31446": { departement: "31", epci: "E2" },
  "31113": { departement: "31", epci: "E2" },
  "32013": { departement: "32", epci: "E3" },
  "32107": { departement: "32", epci: "E3" },
  "32160": { departement: "32", epci: "E3" },
};
const EPCIS = ["E1", "E2", "E3"];
const CODES = ["prio", "fonct", "al", "muret", "cd"] as const;
const ORGS: Record<(typeof CODES)[number], { organisationId: string; kind: "prefet_prioritaires" | "prefet_fonctionnaires" | "action_logement" | "commune" | "departement"; party: string; partyKind: string; name: string }> = {
  prio: { organisationId: "prefet", kind: "prefet_prioritaires", party: "prefet", partyKind: "prefet", name: "Préfet" },
  fonct: { organisationId: "prefet", kind: "prefet_fonctionnaires", party: "prefet", partyKind: "prefet", name: "Préfet" },
  al: { organisationId: "al", kind: "action_logement", party: "al", partyKind: "action_logement", name: "Action Logement" },
  muret: { organisationId: "muret", kind: "commune", party: "muret", partyKind: "commune", name: "Muret" },
  cd: { organisationId: "cd", kind: "departement", party: "cd", partyKind: "departement", name: "Département" },
};
const MAPPING: CodeMapping = Object.fromEntries(
  ["31", "32"].flatMap((d) => CODES.map((code) => [mappingKey(d, code), { organisationId: ORGS[code].organisationId, kind: ORGS[code].kind }])),
);

const rowArbitrary = fc.record({
  commune: fc.constantFrom(...Object.keys(COMMUNES)),
  code: fc.option(fc.constantFrom(...CODES), { nil: null }),
  exclusion: fc.option(fc.constantFrom(...EXCLUSION_REASON_CODES), { nil: null, freq: 3 }),
  rate: fc.constantFrom("0.07", "0.08", "0.09"),
});

function toRows(drawn: { commune: string; code: string | null; exclusion: ExclusionReason | null; rate: string }[]): InventoryRow[] {
  return drawn.map((d, i) => ({
    line: i + 2,
    rpls: String(i).padStart(10, "0"),
    reservataire: d.code,
    departement: COMMUNES[d.commune].departement,
    epci: COMMUNES[d.commune].epci,
    commune: d.commune,
    qpv: i % 3 === 0,
    typologie: "T3",
    financement: "PLUS",
    habitat: "collectif",
    rotationBailleur: d.rate,
    rotationExReservataire: d.code === "muret" ? "0.06" : null,
    conventionStart: null,
    conventionEnd: null,
    exclusion: d.exclusion,
  }));
}

function aggregate(rows: InventoryRow[]) {
  const aggregator = new InventoryAggregator();
  for (const row of rows) aggregator.add(row);
  return aggregator.result();
}

type Territory = { kind: "departement"; code: string } | { kind: "epci"; code: string } | { kind: "communes"; codes: string[] };
const territoryArbitrary: fc.Arbitrary<Territory> = fc.oneof(
  fc.constantFrom("31", "32").map((code): Territory => ({ kind: "departement", code })),
  fc.constantFrom(...EPCIS).map((code): Territory => ({ kind: "epci", code })),
  fc.subarray(Object.keys(COMMUNES), { minLength: 1 }).map((codes): Territory => ({ kind: "communes", codes })),
);
const inside = (t: Territory) => (insee: string) =>
  t.kind === "departement" ? COMMUNES[insee].departement === t.code : t.kind === "epci" ? COMMUNES[insee].epci === t.code : t.codes.includes(insee);

describe("the perimeter of a territory", () => {
  it("counts exactly the territory's rows, and its assiette exactly those left after the exclusions", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 300 }), territoryArbitrary, fc.boolean(), (drawn, territory, includeOptional) => {
        const rows = toRows(drawn);
        const test = inside(territory);
        const optional = includeOptional ? { etudiants: false, specifique: false } : DEFAULT_OPTIONAL_EXCLUSIONS;
        const perimeter = perimeterOf(countTerritory(aggregate(rows), test, MAPPING), optional);
        const mine = rows.filter((r) => test(r.commune));
        const kept = mine.filter((r) => r.exclusion === null || exclusionRule(r.exclusion, optional) === "inclus");
        expect(perimeter.dwellings).toBe(mine.length);
        expect(perimeter.assiette).toBe(kept.length);
        for (const code of CODES) {
          const key = reservataireKey(ORGS[code]);
          expect(perimeter.reserved[key] ?? 0).toBe(kept.filter((r) => r.reservataire === code).length);
        }
        expect(perimeter.nonReserved).toBe(kept.filter((r) => r.reservataire === null).length);
        // Sale plan and demolition are never in the assiette, whatever the convention chooses.
        expect(kept.some((r) => r.exclusion === "vente" || r.exclusion === "demolition")).toBe(false);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("never gives a département's EPCIs together more than the département itself", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 300 }), (drawn) => {
        const aggregates = aggregate(toRows(drawn));
        for (const departement of ["31", "32"]) {
          const whole = perimeterOf(countTerritory(aggregates, inside({ kind: "departement", code: departement }), MAPPING));
          const epcis = EPCIS.filter((e) => Object.values(COMMUNES).some((c) => c.epci === e && c.departement === departement)).map((code) =>
            perimeterOf(countTerritory(aggregates, inside({ kind: "epci", code }), MAPPING)),
          );
          expect(epcis.reduce((total, p) => total + p.assiette, 0)).toBeLessThanOrEqual(whole.assiette);
          for (const code of CODES) {
            const key = reservataireKey(ORGS[code]);
            expect(epcis.reduce((total, p) => total + (p.reserved[key] ?? 0), 0)).toBeLessThanOrEqual(whole.reserved[key] ?? 0);
          }
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

/** A convention of the bailleur on a territory, with the given réservataire parties. */
function conventionOn(rows: InventoryRow[], territory: Territory, partyCodes: readonly (typeof CODES)[number][]): ConventionState {
  const counts = countTerritory(aggregate(rows), inside(territory), MAPPING);
  const partyOrgs = [...new Set(partyCodes.map((code) => ORGS[code].party))];
  const parties: PartyInfo[] = [
    { id: "bailleur", name: "Bailleur", kind: "bailleur", role: "edition", pilot: true },
    ...partyOrgs.map((id): PartyInfo => ({ id, name: id, kind: Object.values(ORGS).find((o) => o.party === id)!.partyKind, role: "edition" })),
  ];
  const holders: FluxInputs["holders"] = {};
  for (const code of CODES) {
    const key = reservataireKey(ORGS[code]);
    holders[key] = { key, organisationId: ORGS[code].organisationId, kind: ORGS[code].kind, name: ORGS[code].name, party: partyOrgs.includes(ORGS[code].party) };
  }
  return {
    id: "c",
    meta: {
      templateId: "t",
      templateVersion: "1.0.0",
      title: "",
      year: 2026,
      departement: "31",
      territory: { key: "k", kind: territory.kind, codes: [], label: "", departements: [] },
      startDate: "2026-01-01",
      durationYears: 6,
    },
    parties,
    parameters: {},
    options: {},
    body: { type: "doc", content: [] },
    flux: {
      year: 2026,
      holders,
      communeNames: {},
      bailleurs: [
        {
          id: "bailleur",
          name: "Bailleur",
          status: "pret",
          inventory: null,
          counts,
          rotation: { departemental: { "0.08": 1 }, local: null, data: null },
          terms: { deductions: { mutations: 1, anru: 0, orcod: 0, lhi: 0, ventes: 0 }, shares: {}, droitsDeSuite: {} },
        },
      ],
    },
  };
}

describe("one apportionment per bailleur × territory × year", () => {
  it("gives every réservataire the same figure in every convention of the bailleur on the territory", () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { minLength: 1, maxLength: 300 }),
        territoryArbitrary,
        fc.array(fc.subarray([...CODES], { minLength: 1 }), { minLength: 2, maxLength: 4 }),
        (drawn, territory, conventions) => {
          const rows = toRows(drawn);
          const tables = conventions.map((codes) => computeConventionFlux(conventionOn(rows, territory, codes)).tables[0]);
          const figures = tables.map((t) => (t.outcome?.ok ? t.outcome.result.lines : null));
          for (const lines of figures) expect(lines).toEqual(figures[0]);
          // Each convention shows its parties' lines with those same figures, and its rows add up to the flux.
          tables.forEach((t) => {
            if (!t.view || !t.calculation) return;
            const total = t.view.reduce((sum, line) => sum + line.rounded, 0n);
            expect(total).toBe(t.calculation.fluxRounded);
            for (const line of t.view) {
              const engine = t.calculation.lines.find((l) => l.id === line.key);
              if (engine) expect(line.rounded).toBe(engine.rounded);
            }
          });
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });
});

describe("rotation rate of a perimeter", () => {
  it("keeps a single rate, and averages several by rows, rounded to six places", () => {
    expect(meanRate({ "0.082": 100 })).toEqual({ rate: "0.082", averaged: false });
    expect(meanRate({ "0.07": 1, "0.08": 2 })).toEqual({ rate: "0.076667", averaged: true });
    expect(meanRate({})).toBeNull();
  });

  it("prefers the territory's own rate, then the rotation data, then the file's départemental rate", () => {
    const data = { releases: { total: 180, students: 0, specific: 0, mutations: 28, anru: 10, orcod: 0, lhi: 2 }, stock: { total: 2000, students: 0, specific: 0, sale: 0, demolition: 0 } };
    expect(chooseRotation({ departemental: { "0.08": 1 }, local: { "0.06": 3 }, data }, "standard").source).toBe("territoire");
    expect(chooseRotation({ departemental: { "0.08": 1 }, local: null, data }, "standard").source).toBe("donnees");
    expect(chooseRotation({ departemental: { "0.08": 1 }, local: null, data: null }, "standard")).toEqual({ source: "etat_des_lieux", rate: "0.08", averaged: false });
    expect(chooseRotation({ departemental: {}, local: null, data: null }, "standard").source).toBe("manquant");
  });

  it("gives a commune its own rate only when the file gives one for it", () => {
    const rows = toRows([
      { commune: "31555", code: "muret", exclusion: null, rate: "0.08" },
      { commune: "31069", code: null, exclusion: null, rate: "0.08" },
    ]);
    const aggregates = aggregate(rows);
    expect(countTerritory(aggregates, inside({ kind: "communes", codes: ["31555"] }), MAPPING).rotationLocalComplete).toBe(true);
    expect(countTerritory(aggregates, inside({ kind: "communes", codes: ["31555", "31069"] }), MAPPING).rotationLocalComplete).toBe(false);
  });
});

describe("codes of an inventory", () => {
  it("reads RPLS's contingent codes, and leaves 4 and 6 to the register", () => {
    expect(builtInMeaning("1")).toEqual({ kind: "prefet_fonctionnaires", organisationKind: "prefet" });
    expect(builtInMeaning(" 2 ")).toEqual({ kind: "prefet_prioritaires", organisationKind: "prefet" });
    expect(builtInMeaning("5")).toEqual({ kind: "prefet_prioritaires", organisationKind: "prefet" });
    expect(builtInMeaning("Action Logement")).toEqual({ kind: "action_logement", organisationKind: "action_logement" });
    expect(builtInMeaning("7")).toEqual({ nonReserve: true });
    expect(builtInMeaning("4")).toBeNull();
    expect(builtInMeaning("6")).toBeNull();
    expect(builtInMeaning("Préfet")).toBeNull();
    expect(normalizeCode("  Ville  de BLAGNAC ")).toBe("ville de blagnac");
  });
});
