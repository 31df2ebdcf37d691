import { describe, expect, it } from "vitest";
import { communesOfDepartement, communesOfEpci, epciOfCommune, findCommune, isCommuneInTerritory } from "./membership";
import { resolveTerritory, type ResolvedTerritory } from "./resolve";
import type { Territory } from "./schema";
import { testGeography as geo } from "./test-geography";

function resolved(territory: Territory): ResolvedTerritory {
  const outcome = resolveTerritory(territory, geo);
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  return outcome.territory;
}

describe("membership", () => {
  it("lists the communes of an EPCI and of a département; undefined when unknown", () => {
    expect(communesOfEpci("243100518", geo)).toEqual(["31069", "31149", "31157", "31506", "31555", "31561"]);
    expect(communesOfEpci("248400251", geo)).toEqual(["30011", "84007"]);
    expect(communesOfDepartement("32", geo)).toEqual(["32013", "32399"]);
    expect(communesOfEpci("999999999", geo)).toBeUndefined();
    expect(communesOfDepartement("977", geo)).toBeUndefined();
  });

  it("finds a commune's EPCI, through former and arrondissement codes too", () => {
    expect(epciOfCommune("31069", geo)).toBe("243100518");
    expect(epciOfCommune("01340", geo)).toBe("200040350");
    expect(epciOfCommune("13201", geo)).toBe("200054807");
    expect(epciOfCommune("29083", geo)).toBeUndefined();
    expect(epciOfCommune("31999", geo)).toBeUndefined();
  });

  it("tells current, former, arrondissement and unknown codes apart", () => {
    expect(findCommune("31069", geo)).toMatchObject({ status: "actuelle", commune: { nom: "Blagnac" } });
    expect(findCommune("01340", geo)).toMatchObject({ status: "ancienne", commune: { code: "01015" }, former: { nom: "Saint-Bois" } });
    expect(findCommune("13201", geo)).toMatchObject({ status: "arrondissement", commune: { code: "13055" } });
    expect(findCommune("31999", geo)).toEqual({ status: "inconnue", code: "31999" });
    expect(findCommune("97701", geo).status).toBe("inconnue");
  });

  it("places a commune inside or outside each form of territory, following former codes", () => {
    const metropole = resolved({ epci: "243100518" });
    expect(isCommuneInTerritory("31069", metropole, geo)).toBe(true);
    expect(isCommuneInTerritory("32399", metropole, geo)).toBe(false);
    const gers = resolved({ departement: "32" });
    expect(isCommuneInTerritory("32399", gers, geo)).toBe(true);
    expect(isCommuneInTerritory("31069", gers, geo)).toBe(false);
    const list = resolved({ communes: ["01015", "13055"] });
    expect(isCommuneInTerritory("01340", list, geo)).toBe(true);
    expect(isCommuneInTerritory("13201", list, geo)).toBe(true);
    expect(isCommuneInTerritory("31999", list, geo)).toBe(false);
    // Straddling EPCI: both départements' members are inside.
    const avignon = resolved({ epci: "248400251" });
    expect(isCommuneInTerritory("30011", avignon, geo) && isCommuneInTerritory("84007", avignon, geo)).toBe(true);
  });
});
