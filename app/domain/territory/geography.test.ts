import { describe, expect, it } from "vitest";
import { buildGeography, GeographyDataError } from "./geography";
import { TEST_SOURCE, testGeography as geo } from "./test-geography";

describe("buildGeography", () => {
  it("indexes départements, EPCIs and current communes, sorted by code, and leaves the collectivités d'outre-mer out", () => {
    expect([...geo.departements.keys()]).toEqual(["01", "13", "28", "29", "2A", "30", "31", "32", "59", "76", "84", "974"]);
    expect(geo.departements.get("31")).toMatchObject({ nom: "Haute-Garonne", tncc: 3, communes: ["31069", "31149", "31157", "31506", "31555", "31561"] });
    expect(geo.communes.has("97701")).toBe(false);
    expect(geo.communes.get("31069")).toMatchObject({ nom: "Blagnac", departement: "31", epci: "243100518", siren: "213100696" });
    expect(geo.epcis.get("248400251")).toMatchObject({ nature: "CA", communes: ["30011", "84007"], departements: ["30", "84"] });
  });

  it("keeps the communes that belong to no EPCI (island communes)", () => {
    expect(geo.communes.get("29083")).toMatchObject({ nom: "Île-de-Sein", epci: null });
  });

  it("points former codes (merged, delegated) and arrondissements at today's commune, never shadowing a current code", () => {
    expect(geo.formerCommunes.get("01340")).toEqual({ code: "01340", nom: "Saint-Bois", current: "01015", reason: "fusion" });
    expect(geo.formerCommunes.get("76102")).toEqual({ code: "76102", nom: null, current: "76351", reason: "fusion" });
    expect(geo.formerCommunes.get("13201")).toEqual({ code: "13201", nom: "Marseille 1er Arrondissement", current: "13055", reason: "arrondissement" });
    // 01015 is both the commune nouvelle and the code of its delegated commune Arbignieu: the current one wins.
    expect(geo.formerCommunes.has("01015")).toBe(false);
    // Ajaccio's code before the 1976 split of Corsica.
    expect(geo.formerCommunes.get("20004")?.current).toBe("2A004");
  });

  it("makes the former names of merged communes searchable under the commune nouvelle", () => {
    const entries = geo.searchEntries.filter((e) => e.formerName !== null).map((e) => [e.formerName, e.code]);
    expect(entries).toEqual([["Arbignieu", "01015"], ["Saint-Bois", "01015"]]);
  });

  it("refuses data that contradicts itself", () => {
    const orphan = { ...TEST_SOURCE, epcis: [...TEST_SOURCE.epcis, { code: "200000001", nom: "CC Fantôme", type: "CC", membres: [{ code: "31069" }, { code: "31999" }] }] };
    expect(() => buildGeography(orphan)).toThrow(GeographyDataError);
    const twice = { ...TEST_SOURCE, epcis: [...TEST_SOURCE.epcis, { code: "200000002", nom: "CC Doublon", type: "CC", membres: [{ code: "31069" }] }] };
    expect(() => buildGeography(twice)).toThrow(/31069 membre de deux EPCI/);
  });
});
