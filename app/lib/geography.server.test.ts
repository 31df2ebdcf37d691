// The real data of @etalab/decoupage-administratif 6.0.0 (Code officiel géographique 2026), through the loader the
// server uses. Figures are those of the pinned version: a version bump must revisit them.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Geography,
  communeLabel,
  communesOfEpci,
  departementLabel,
  epciOfCommune,
  findCommune,
  resolveTerritory,
  searchTerritories,
} from "~/domain/territory";
import { GEOGRAPHY_MILLESIME, loadGeography } from "./geography.server";

let geo: Geography;
beforeAll(async () => {
  geo = await loadGeography();
});

describe("the official geography (COG 2026)", () => {
  it("loads once and is shared by every caller", async () => {
    expect(await loadGeography()).toBe(geo);
    expect(geo.millesime).toBe(GEOGRAPHY_MILLESIME);
  });

  it("holds every département of the portal's scope, every EPCI à fiscalité propre and every current commune", () => {
    expect(geo.departements.size).toBe(102); // 96 metropolitan, 971–974 and 976, and 975
    expect(geo.epcis.size).toBe(1_255);
    expect(geo.communes.size).toBe(34_877);
    expect(geo.communes.has("97701")).toBe(false); // Saint-Barthélemy, a collectivité d'outre-mer
  });

  it("puts every commune in exactly one EPCI, except the four island communes and Saint-Pierre-et-Miquelon", () => {
    const outside = [...geo.communes.values()].filter((c) => c.epci === null).map((c) => c.code);
    expect(outside).toEqual(["22016", "29083", "29155", "85113", "97501", "97502"]);
    let members = 0;
    for (const epci of geo.epcis.values()) members += epci.communes.length;
    expect(members).toBe(geo.communes.size - outside.length);
  });

  it("knows Toulouse Métropole, the Haute-Garonne and their names", () => {
    expect(communesOfEpci("243100518", geo)).toHaveLength(37);
    expect(epciOfCommune("31069", geo)).toBe("243100518");
    expect(communeLabel("31069", geo)).toBe("Blagnac (31069)");
    expect(departementLabel("31", geo, "de")).toBe("de la Haute-Garonne");
    expect(departementLabel("59", geo, "de")).toBe("du Nord");
    expect(departementLabel("01", geo, "de")).toBe("de l'Ain");
    expect(departementLabel("13", geo, "de")).toBe("des Bouches-du-Rhône");
    expect(resolveTerritory({ departement: "31" }, geo)).toMatchObject({ ok: true, territory: { label: "le département de la Haute-Garonne" } });
    expect(geo.departements.get("31")?.communes).toHaveLength(586);
  });

  it("follows former codes and the arrondissements of Paris, Lyon and Marseille to today's commune", () => {
    expect(findCommune("01340", geo)).toMatchObject({ status: "ancienne", commune: { code: "01015", nom: "Arboys en Bugey" } });
    expect(findCommune("75101", geo)).toMatchObject({ status: "arrondissement", commune: { code: "75056" } });
    expect(findCommune("69381", geo)).toMatchObject({ status: "arrondissement", commune: { code: "69123" } });
    expect(findCommune("13201", geo)).toMatchObject({ status: "arrondissement", commune: { code: "13055" } });
  });

  it("ranks the suggestions people expect first", () => {
    expect(searchTerritories("toulouse metropole", geo)[0]).toEqual({ kind: "epci", code: "243100518", label: "Toulouse Métropole", detail: "EPCI · 37 communes · Haute-Garonne" });
    expect(searchTerritories("st orens", geo, { departement: "31" })[0].label).toBe("Saint-Orens-de-Gameville (31506)");
    expect(searchTerritories("haute garonne", geo)[0]).toMatchObject({ kind: "departement", code: "31", detail: "Département · 586 communes" });
    // Equal names: the département before the commune; the names that start with the query before the Métropole.
    expect(searchTerritories("paris", geo).slice(0, 2).map((s) => s.code)).toEqual(["75", "75056"]);
    expect(searchTerritories("paris", geo, { kinds: ["epci"] })[0].label).toBe("Métropole du Grand Paris");
    expect(searchTerritories("saint denis", geo).slice(0, 2).map((s) => s.label)).toEqual(["Saint-Denis (97411)", "Saint-Denis (93066)"]);
  });
});
