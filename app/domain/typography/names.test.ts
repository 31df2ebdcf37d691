import { describe, expect, it } from "vitest";
import { APOSTROPHE as Q } from "./characters";
import { DEPARTEMENTS, departementName, withArticle } from "./departements";
import { a, de, elidesBefore } from "./names";

describe("de() and a()", () => {
  it.each([
    ["Action Logement Services", `d${Q}Action Logement Services`],
    ["EPCI Toulouse Métropole", `d${Q}EPCI Toulouse Métropole`],
    ["Habitat Sud", `d${Q}Habitat Sud`],
    ["Hérault Habitat", `d${Q}Hérault Habitat`],
    ["Haute-Garonne Habitat", "de Haute-Garonne Habitat"],
    ["Ville de Blagnac", "de Ville de Blagnac"],
    ["le Conseil départemental", "du Conseil départemental"],
    ["les Hauts-de-Seine", "des Hauts-de-Seine"],
    ["la Haute-Garonne", "de la Haute-Garonne"],
    [`l${Q}Ain`, `de l${Q}Ain`],
    ["onze communes", "de onze communes"],
    ["  Action Logement ", `d${Q}Action Logement`],
  ])("de(%j) → %j", (name, expected) => expect(de(name)).toBe(expected));

  it.each([
    ["le Nord", "au Nord"],
    ["les Landes", "aux Landes"],
    ["la Gironde", "à la Gironde"],
    ["Action Logement Services", "à Action Logement Services"],
  ])("a(%j) → %j", (name, expected) => expect(a(name)).toBe(expected));

  it("elides before vowels and a mute h only", () => {
    expect(["ordre", "Île", "été", "habitat", "Œuvre"].every(elidesBefore)).toBe(true);
    expect(["haute", "Yvelines", "onze", "oui", "Bordeaux"].some(elidesBefore)).toBe(false);
  });
});

describe("départements", () => {
  it("knows every metropolitan and overseas département", () => {
    expect(DEPARTEMENTS.size).toBe(101);
    expect(departementName("31")).toBe("Haute-Garonne");
    expect(departementName("2a")).toBe("Corse-du-Sud");
    expect(departementName("99")).toBeUndefined();
  });

  it.each([
    ["31", "la Haute-Garonne", "de la Haute-Garonne"],
    ["01", `l${Q}Ain`, `de l${Q}Ain`],
    ["34", `l${Q}Hérault`, `de l${Q}Hérault`],
    ["40", "les Landes", "des Landes"],
    ["59", "le Nord", "du Nord"],
    ["75", "Paris", "de Paris"],
    ["28", "Eure-et-Loir", `d${Q}Eure-et-Loir`],
    ["49", "Maine-et-Loire", "de Maine-et-Loire"],
    ["21", `la Côte-d${Q}Or`, `de la Côte-d${Q}Or`],
    ["974", "La Réunion", "de La Réunion"],
    ["90", "le Territoire de Belfort", "du Territoire de Belfort"],
  ])("%s → %j, %j", (code, article, withDe) => {
    expect(withArticle(code)).toBe(article);
    expect(de(withArticle(code))).toBe(withDe);
  });

  it("returns an unknown code as given", () => {
    expect(withArticle("99")).toBe("99");
  });
});
