import { describe, expect, it } from "vitest";

import {
  communeInDepartement,
  normalizeText,
  parseCommune,
  parseDate,
  parseDepartement,
  parseExclusion,
  parseFinancement,
  parseHabitat,
  parseQpv,
  parseRate,
  parseReservataire,
  parseRpls,
  parseTypologie,
} from "./cells";

describe("inventory cells", () => {
  it.each([
    ["0310012345", "0310012345"],
    ["031001234a", "031001234A"],
    ["310012345", undefined],
    ["03100123456", undefined],
    ["0310-12345", undefined],
  ])("RPLS %s → %s", (text, expected) => expect(parseRpls(text)).toBe(expected));

  it.each([
    ["al", "al"],
    ["non réservé", null],
    ["Non Reserve", null],
    ["bailleur", null],
  ])("réservataire %s → %s", (text, expected) => expect(parseReservataire(text)).toBe(expected));

  it.each([
    ["31", "31"],
    ["1", "01"],
    ["2a", "2A"],
    ["974", "974"],
    ["20", undefined],
    ["96", undefined],
    ["977", undefined],
  ])("département %s → %s", (text, expected) => expect(parseDepartement(text)).toBe(expected));

  it.each([
    ["31555", "31555"],
    ["1004", "01004"],
    ["2A004", "2A004"],
    ["315", undefined],
    ["315555", undefined],
  ])("commune %s → %s", (text, expected) => expect(parseCommune(text)).toBe(expected));

  it("checks that a commune lies in its département", () => {
    expect(communeInDepartement("31555", "31")).toBe(true);
    expect(communeInDepartement("97411", "974")).toBe(true);
    expect(communeInDepartement("32013", "31")).toBe(false);
  });

  it.each([
    ["oui", true],
    ["OUI", true],
    ["1", true],
    ["Non", false],
    ["hors QPV", false],
    ["peut-être", undefined],
  ])("QPV %s → %s", (text, expected) => expect(parseQpv(text)).toBe(expected));

  it.each([
    ["T3", "T3"],
    ["t1 bis", "T1"],
    ["studio", "T1"],
    ["4", "T4"],
    ["T6+", "T6+"],
    ["T7", "T6+"],
    ["T6 et plus", "T6+"],
    ["F2", "T2"],
    ["T0", undefined],
    ["duplex", undefined],
  ])("typologie %s → %s", (text, expected) => expect(parseTypologie(text)).toBe(expected));

  it.each([
    ["PLAI", "PLAI"],
    ["PLA-I", "PLAI"],
    ["plus", "PLUS"],
    ["PLUS CD", "PLUS"],
    ["PLS", "PLS"],
    ["PLI", "PLI"],
    ["Autres", "autre"],
    ["HLM", undefined],
  ])("financement %s → %s", (text, expected) => expect(parseFinancement(text)).toBe(expected));

  it.each([
    ["collectif", "collectif"],
    ["C", "collectif"],
    ["Individuel", "individuel"],
    ["i", "individuel"],
    ["mixte", undefined],
  ])("collectif/individuel %s → %s", (text, expected) => expect(parseHabitat(text)).toBe(expected));

  it.each([
    ["0,075", "0.075"],
    ["0.08", "0.08"],
    ["7,5 %", "0.075"],
    ["8%", "0.08"],
    ["100 %", "1"],
    ["0,10", "0.1"],
    ["1", "1"],
    ["1,5", undefined],
    ["12", undefined],
    ["-0,1", undefined],
    ["huit", undefined],
  ])("taux %s → %s", (text, expected) => expect(parseRate(text)).toBe(expected));

  it.each([
    ["01/01/2024", "2024-01-01"],
    ["1/7/2020", "2020-07-01"],
    ["29/02/2024", "2024-02-29"],
    ["31.12.2033", "2033-12-31"],
    ["2033-12-31", "2033-12-31"],
    ["2024-01-01T00:00:00", "2024-01-01"],
    ["29/02/2023", undefined],
    ["31/02/2033", undefined],
    ["2019/03/15", undefined],
    ["15/13/2019", undefined],
    ["01/01/24", undefined],
  ])("date %s → %s", (text, expected) => expect(parseDate(text)).toBe(expected));

  it.each([
    ["Démolition programmée", "demolition"],
    ["demolition", "demolition"],
    ["Logement étudiant", "etudiants"],
    ["Défense nationale", "defense"],
    ["securite_interieure", "securite_interieure"],
    ["Établissement public de santé", "sante"],
    ["Plan de vente", "vente"],
    ["Foyer", "specifique"],
    ["Inconnu", undefined],
  ])("motif d'exclusion %s → %s", (text, expected) => expect(parseExclusion(text)).toBe(expected));

  it("normalizes case, accents and punctuation", () => {
    expect(normalizeText("  Logement  Étudiant. ")).toBe("logement etudiant");
  });
});
