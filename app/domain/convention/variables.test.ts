import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { NNBSP } from "../format";
import { frenchText as fr } from "../typography";
import { computeConventionFlux } from "./scenario";
import type { ConventionState } from "./state";
import { TemplateSchema } from "./template-schema";
import { HOLDER, exampleState } from "./test-fixtures";
import { listVariables, resolveVariable, variableLabel } from "./variables";

const template = TemplateSchema.parse(prefectoral);
const pct = (text: string) => text.replace(" %", `${NNBSP}%`);
const text = (name: string, state: ConventionState = exampleState(template)) => {
  const resolved = resolveVariable(name, state, undefined, template);
  if (!resolved.ok) throw new Error(`${name}: ${resolved.message}`);
  return resolved.text;
};
const failure = (name: string, state: ConventionState) => {
  const resolved = resolveVariable(name, state, undefined, template);
  if (resolved.ok) throw new Error(`${name} resolved to ${resolved.text}`);
  return resolved.message;
};

describe("parties and signatories", () => {
  it.each([
    ["bailleur.nom", "Habitat Garonne"],
    ["bailleur.signataire", "Claire Martin, Directrice générale"],
    ["reservataire.nom", "Préfecture de la Haute-Garonne (DDETS)"],
    ["reservataire.signataire", "Jean Dupont, Préfet de la Haute-Garonne"],
    ["reservataires.liste", "Préfecture de la Haute-Garonne (DDETS), Action Logement Services, Ville de Muret et Conseil départemental de la Haute-Garonne"],
    ["parties.liste", "Habitat Garonne, Préfecture de la Haute-Garonne (DDETS), Action Logement Services, Ville de Muret et Conseil départemental de la Haute-Garonne"],
    ["pilote.nom", "Habitat Garonne"],
  ])("%s → %s", (name, expected) => expect(text(name)).toBe(fr(expected)));

  it("lists every signatory with the party", () => {
    expect(text("signataires.liste")).toMatch(/^Claire Martin, Directrice générale \(Habitat Garonne\), Jean Dupont/);
  });

  it("reports a missing signatory or party in French", () => {
    const state = exampleState(template);
    delete state.parties[0].signatory;
    expect(failure("bailleur.signataire", state)).toBe("Donnée manquante : le signataire du bailleur.");
    expect(failure("signataires.liste", state)).toMatch(/^Donnée manquante/);
    const alone = exampleState(template, { parties: [] });
    expect(failure("bailleur.nom", alone)).toBe("Donnée manquante : le nom du bailleur.");
    expect(failure("reservataire.nom", alone)).toMatch(/réservataire/);
    expect(failure("reservataires.liste", alone)).toMatch(/réservataires/);
    expect(failure("parties.liste", alone)).toMatch(/parties/);
    expect(failure("pilote.nom", alone)).toMatch(/pilote/);
  });

  it("takes the party flagged pilot, else the first bailleur", () => {
    const state = exampleState(template);
    state.parties[0].pilot = false;
    state.parties[1].pilot = true;
    expect(text("pilote.nom", state)).toBe(fr("Préfecture de la Haute-Garonne (DDETS)"));
    state.parties[1].pilot = false;
    expect(text("pilote.nom", state)).toBe(fr("Habitat Garonne"));
  });
});

describe("territory", () => {
  it("names the département with its article and the territory as resolved", () => {
    expect(text("territoire.departement")).toBe(fr("la Haute-Garonne (31)"));
    expect(text("territoire.libelle")).toBe(fr("le département de la Haute-Garonne"));
    expect(failure("territoire.epci", exampleState(template))).toMatch(/son territoire n[’']est pas un EPCI/);
    const state = exampleState(template);
    state.meta.territory = { key: "communes:31395", kind: "communes", codes: ["31395"], label: "la commune de Muret", departements: ["31"] };
    expect(text("territoire.commune", state)).toBe(fr("la commune de Muret"));
    expect(text("territoire.libelle", state)).toBe(fr("la commune de Muret"));
  });
});

describe("dates", () => {
  it.each([
    ["convention.titre", "Convention de réservation en flux 2026"],
    ["convention.annee", "2026"],
    ["convention.date_debut", "1er janvier 2026"],
    ["convention.date_fin", "31 décembre 2031"],
    ["convention.duree", "6 ans"],
    ["convention.date_bilan", "28 février 2027"],
    ["convention.lieu_signature", "Toulouse"],
  ])("%s → %s", (name, expected) => expect(text(name)).toBe(fr(expected)));

  it("gives the signature date once signed", () => {
    const state = exampleState(template);
    expect(failure("convention.date_signature", state)).toBe("Donnée manquante : la date de signature.");
    state.meta.signatureDate = "2026-03-02";
    expect(text("convention.date_signature", state)).toBe(fr("2 mars 2026"));
  });

  it("ends a one-year convention starting mid-year the day before its anniversary", () => {
    const state = exampleState(template);
    state.meta = { ...state.meta, startDate: "2026-07-01", durationYears: 1 };
    expect(text("convention.date_fin", state)).toBe(fr("30 juin 2027"));
    expect(text("convention.duree", state)).toBe(fr("1 an"));
  });
});

describe("parameters", () => {
  it("gives the rate with its origin, the definition and the deductions itemised", () => {
    expect(text("flux.taux_rotation")).toBe(fr(pct("8,00 %")));
    expect(text("flux.source_rotation")).toBe(fr("taux de rotation du bailleur dans le département en 2025, d'après l'état des lieux"));
    expect(text("flux.methode_rotation")).toBe(fr("taux standard"));
    expect(text("flux.assiette")).toBe(fr(`2${NNBSP}000`));
    expect(text("flux.logements_territoire")).toBe(fr(`2${NNBSP}025`));
    expect(text("flux.deductions")).toBe(fr("32"));
    expect(text("flux.deductions_detail")).toBe(fr("20 mutations internes, 12 relogements ANRU, 0 relogement ORCOD, 0 relogement LHI et 0 relogement lié aux ventes"));
    expect(text("flux.deductions_mutations")).toBe(fr("20"));
    expect(text("flux.deductions_relogements")).toBe(fr("12"));
  });

  it("gives the computed rate of a definition, or says what data is missing", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: null };
    expect(failure("flux.taux_rotation", state)).toMatch(/taux de rotation de chaque bailleur/);
    state.flux!.bailleurs[0].rotation.data = {
      releases: { total: 180, students: 0, specific: 0, mutations: 28, anru: 10, orcod: 0, lhi: 0 },
      stock: { total: 2000, students: 0, specific: 0, sale: 0, demolition: 0 },
    };
    expect(text("flux.taux_rotation", state)).toBe(fr(pct("7,10 %")));
    expect(text("flux.source_rotation", state)).toBe(fr("taux de rotation standard de l'année 2025, calculé sur les données de rotation du bailleur"));
  });

  it("asks for an état des lieux for the assiette", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0] = { ...state.flux!.bailleurs[0], status: "sans_etat_des_lieux", counts: null };
    expect(failure("flux.assiette", state)).toMatch(/n[’']a pas encore d[’']état des lieux confirmé/);
  });
});

describe("computed figures", () => {
  it.each([
    ["flux.liberations", "160"],
    ["flux.total", "128"],
    ["flux.total_arrondi", "128"],
    [`flux.part:${HOLDER.prio}`, pct("20,50 %")],
    [`flux.volume:${HOLDER.prio}`, "26,24"],
    [`flux.volume_arrondi:${HOLDER.prio}`, "26"],
    ["flux.volume_arrondi:bailleur", "46"],
    ["flux.part:bailleur", pct("36,00 %")],
    ["flux.part_kind:prefet_fonctionnaires", pct("4,50 %")],
    ["flux.volume_kind:action_logement", "35,84"],
    ["flux.volume_arrondi_kind:commune", "10"],
    ["flux.part_kind:prefet", pct("25,00 %")],
    ["flux.volume_kind:prefet", "32"],
    ["flux.volume_arrondi_kind:prefet", "32"],
    ["flux.volume_arrondi_kind:departement", "4"],
    ["flux.part_reservataires", pct("64,00 %")],
    ["flux.volume_arrondi_reservataires", "82"],
  ])("%s → %s", (name, expected) => expect(text(name)).toBe(fr(expected)));

  it("reports an unknown line, an absent kind and an engine refusal", () => {
    const state = exampleState(template);
    expect(failure("flux.part:inconnue", state)).toBe("Aucune ligne du flux ne porte l'identifiant « inconnue ».");
    expect(failure("flux.part_kind:region", state)).toMatch(/^Donnée manquante : une ligne du flux de type Région/);
    state.flux!.bailleurs[0].terms.deductions = { mutations: 1000, anru: 0, orcod: 0, lhi: 0, ventes: 0 };
    expect(failure("flux.total", state)).toMatch(/^Flux non calculable : Les déductions prévues/);
  });

  it("reuses a given computation", () => {
    const state = exampleState(template);
    const computed = computeConventionFlux(state);
    if (!computed.main) throw new Error("example A should compute");
    computed.main.fluxRounded = 999n;
    expect(resolveVariable("flux.total_arrondi", state, computed)).toEqual({ ok: true, text: "999" });
  });
});

describe("options", () => {
  it("gives the chosen clause and its label", () => {
    expect(text("option:decompte")).toMatch(/^Un logement compte dans l’objectif du réservataire dès sa mise à disposition/);
    expect(text("option_label:decompte")).toBe(fr("À la mise à disposition"));
    expect(text("option_label:gestion_prefet")).toBe(fr("Gestion mixte"));
  });

  it("writes a choice's figures into its clause", () => {
    const state = exampleState(template);
    state.options.gestion_action_logement = { choice: "mixte", params: { requalification: "0.35" } };
    const resolved = resolveVariable("option:gestion_action_logement", state);
    // One figure, the negotiated one: no second, contradicting floor in the text.
    expect(resolved.ok && resolved.text).toContain(fr(`au moins ${pct("35 %")} de ce flux`));
    expect(resolved.ok && resolved.text).not.toContain("30");
  });

  it("falls back to the option's default when the document has no value", () => {
    const state = exampleState(template);
    delete state.options.programmes_neufs;
    expect(text("option_label:programmes_neufs", state)).toBe(fr("Droits pour un tour"));
  });

  it("reports an unknown option or choice", () => {
    const state = exampleState(template);
    expect(failure("option:inexistante", state)).toBe("Variable inconnue : « option:inexistante ».");
    state.options.decompte = { choice: "au_hasard" };
    expect(failure("option:decompte", state)).toMatch(/le choix « au_hasard » n'existe pas/);
  });
});

describe("catalogue", () => {
  it("refuses an unknown name", () => {
    expect(resolveVariable("bailleur.adresse", exampleState(template))).toEqual({ ok: false, message: "Variable inconnue : « bailleur.adresse »." });
  });

  it("never throws on a malformed date", () => {
    const state = exampleState(template);
    state.meta.startDate = "demain";
    expect(resolveVariable("convention.date_fin", state).ok).toBe(false);
  });

  it("lists every variable once, and each listed variable resolves on complete data", () => {
    const state = exampleState(template);
    state.meta.signatureDate = "2026-03-02";
    const entries = listVariables(state, template);
    const names = entries.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining([`flux.volume_arrondi:${HOLDER.al}`, "flux.part_kind:prefet", "option:decompte", "option_label:gestion_prefet"]));
    const computed = computeConventionFlux(state);
    const failures = entries.filter((entry) => !resolveVariable(entry.name, state, computed, template).ok).map((entry) => entry.name);
    expect(failures).toEqual([]);
    expect(variableLabel("flux.total")).toBe("Flux annuel (exact)");
    expect(variableLabel(`flux.part:${HOLDER.muret}`, state)).toBe("Part du flux — Ville de Muret");
  });
});
