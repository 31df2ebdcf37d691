import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { NNBSP } from "../format";
import { frenchText as fr } from "../typography";
import { type TableModel, blockPlainText, renderBlock } from "./blocks";
import { computeConventionFlux } from "./scenario";
import type { ConventionState } from "./state";
import { TemplateSchema } from "./template-schema";
import { HOLDER, exampleState } from "./test-fixtures";

const template = TemplateSchema.parse(prefectoral);
const pct = (text: string) => text.replace(" %", `${NNBSP}%`);
const column = (model: TableModel, key: string) => model.rows.map((row) => row.cells[model.columns.findIndex((c) => c.key === key)]);

const P = "Préfecture de la Haute-Garonne (DDETS)";

describe("flux_table", () => {
  it("renders example A with exact and rounded volumes, the rounded column as an estimate", () => {
    const model = renderBlock("flux_table", exampleState(template));
    expect(model.error).toBeUndefined();
    expect(model.title).toBe(fr("Répartition du flux annuel 2026 (estimation en logements)"));
    expect(model.columns.map((c) => c.align)).toEqual(["left", "right", "right", "right"]);
    expect(column(model, "reservataire")).toEqual(
      [`${P} — publics prioritaires`, `${P} — agents de l'État`, "Action Logement Services", "Ville de Muret", "Conseil départemental de la Haute-Garonne", "Non réservé — Habitat Garonne", "Total"].map(fr),
    );
    expect(column(model, "share")).toEqual(["20,50 %", "4,50 %", "28,00 %", "8,00 %", "3,00 %", "36,00 %", "100,00 %"].map(pct));
    expect(column(model, "volume")).toEqual(["26,24", "5,76", "35,84", "10,24", "3,84", "46,08", "128,00"]);
    expect(column(model, "rounded")).toEqual(["26", "6", "36", "10", "4", "46", "128"]);
    expect(model.rows.at(-1)?.emphasis).toBe(true);
    expect(model.rows[0].values).toEqual({ id: HOLDER.prio, kind: "prefet_prioritaires", share: "0.205", volume: "26.24", rounded: 26 });
    // The equation adds up, with the deductions itemised by category.
    expect(model.notes[0]).toContain(fr(`assiette de 2${NNBSP}000 logements × taux de rotation de 8,00${NNBSP}% − 32 déductions prévues`));
    expect(model.notes[0]).toContain(
      fr("(20 mutations internes, 12 relogements ANRU, 0 relogement ORCOD, 0 relogement LHI et 0 relogement lié aux ventes) = 128 attributions, soit une estimation de 128 logements en nombre entier."),
    );
    expect(model.notes.join(" ")).toContain(fr("Les volumes en logements sont des estimations"));
  });

  it("gives a rate without a short decimal as the exact fraction of the rotation data, and says ≈ of a rounded result", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: { releases: { total: 1043, students: 0, specific: 0, mutations: 0, anru: 0, orcod: 0, lhi: 0 }, stock: { total: 14476, students: 0, specific: 0, sale: 0, demolition: 0 } } };
    const model = renderBlock("flux_table", state);
    // 2 000 × 1 043 / 14 476 − 32 = 112,0995…: the fraction is exact, the result is rounded to the hundredth.
    expect(model.notes[0]).toContain(fr(`taux de rotation de 1${NNBSP}043 / 14${NNBSP}476 (≈ 7,21${NNBSP}%) − 32 déductions prévues`));
    expect(model.notes[0]).toContain(fr("≈ 112,10 attributions"));
    expect(model.notes[0]).not.toMatch(/= 112/);
  });

  it("gives a rate with a short decimal expansion exactly, with all its decimals", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation = { departemental: { "0.072053": 10 }, local: null, data: null };
    const model = renderBlock("flux_table", state);
    // 2 000 × 7,2053 % − 32 = 112,106: exact rate, rounded result.
    expect(model.notes[0]).toContain(fr(`taux de rotation de 7,2053${NNBSP}% − 32`));
    expect(model.notes[0]).toContain(fr("≈ 112,11 attributions"));
  });

  it("keeps the engine's strings behind every figure", () => {
    const state = exampleState(template);
    const computed = computeConventionFlux(state);
    const model = renderBlock("flux_table", state, computed);
    const outcome = computed.tables[0].outcome;
    if (!outcome?.ok) throw new Error("example A should compute");
    expect(model.rows.slice(0, -1).map((row) => row.values?.volume)).toEqual(outcome.result.lines.map((line) => line.volume));
  });

  it("shows the engine's warnings as notes", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].terms.shares = { [HOLDER.fonct]: "0.04" };
    state.flux!.bailleurs[0].counts!.classes.flux!.reserved[HOLDER.prio] = 700;
    const model = renderBlock("flux_table", state);
    expect(model.notes.join(" ")).toMatch(/plafond/);
  });

  it("returns the engine's French message instead of throwing when the flux is negative", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].terms.deductions = { mutations: 500, anru: 0, orcod: 0, lhi: 0, ventes: 0 };
    const model = renderBlock("flux_table", state);
    expect(model.rows).toEqual([]);
    expect(model.error).toMatch(/^Flux non calculable\u202F: Les déductions prévues/);
  });

  it("names what is missing, in plain French, when the rate is unknown", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: null };
    const model = renderBlock("flux_table", state);
    expect(model.error).toBe(fr("Taux de rotation inconnu pour Habitat Garonne : saisissez ses données de rotation 2025 (libérations et parc, panneau « Données du bailleur ») ou importez un état des lieux qui indique le taux de rotation du bailleur."));
  });
});

describe("droits_de_suite", () => {
  const withSchedule = (): ConventionState => {
    const state = exampleState(template);
    state.meta.year = 2025;
    state.flux!.year = 2025;
    state.flux!.bailleurs[0].rotation.departemental = { "0.075": 1 };
    state.flux!.bailleurs[0].terms.droitsDeSuite = {
      [HOLDER.al]: {
        programmes: [
          { id: "P1", droitsDeSuite: 40, end: "2030-12-31" },
          { id: "P2", droitsDeSuite: 25, end: "2026-06-30" },
          { id: "P3", droitsDeSuite: 15, end: "2025-12-31" },
        ],
        firstLettings: [{ year: 2025, droitsUniques: 12 }],
      },
    };
    return state;
  };

  it("lists example B year by year until the flux falls to 0", () => {
    const model = renderBlock("droits_de_suite", withSchedule());
    expect(model.error).toBeUndefined();
    expect(model.rows.map((row) => row.cells)).toEqual([
      ["2025", "18,00"],
      ["2026", "3,93"],
      ["2027", "3,00"],
      ["2028", "3,00"],
      ["2029", "3,00"],
      ["2030", "3,00"],
      ["2031", "0,00"],
    ]);
    expect(model.notes).toContain(fr("Programme P2 : 25 droits de suite valables jusqu'au 30/06/2026."));
  });

  it("says the option is not retained when no line transforms droits de suite", () => {
    const model = renderBlock("droits_de_suite", exampleState(template));
    expect(model.error).toBeUndefined();
    expect(model.rows).toEqual([]);
    expect(model.notes[0]).toMatch(/option non retenue/);
  });
});

describe("rotation", () => {
  const exampleC = (method: "standard" | "alternative"): ConventionState => {
    const state = exampleState(template, { options: { definition_rotation: { choice: method } } });
    state.flux!.bailleurs[0].rotation.data = {
      releases: { total: 180, students: 0, specific: 0, mutations: 28, anru: 10, orcod: 0, lhi: 2 },
      stock: { total: 2000, students: 0, specific: 0, sale: 0, demolition: 0 },
    };
    return state;
  };

  it("shows the standard definition of example C: (180 − 28 − 10) / 2 000 = 7,10 %", () => {
    const model = renderBlock("rotation", exampleC("standard"));
    const rows = Object.fromEntries(model.rows.map((row) => [row.cells[0], row.cells[1]]));
    expect(rows["− mutations internes"]).toBe("28");
    expect(rows["= Libérations retenues (numérateur)"]).toBe("142");
    expect(rows["= Parc retenu (dénominateur)"]).toBe(`2${NNBSP}000`);
    expect(rows["Taux de rotation (définition standard)"]).toBe(pct("7,10 %"));
  });

  it("shows the alternative definition of example C: (180 − 10 − 2) / 2 000 = 8,40 %", () => {
    const model = renderBlock("rotation", exampleC("alternative"));
    const rows = Object.fromEntries(model.rows.map((row) => [row.cells[0], row.cells[1]]));
    expect(rows["− mutations internes"]).toBeUndefined();
    expect(rows["= Libérations retenues (numérateur)"]).toBe("168");
    expect(rows["Taux de rotation (définition alternative)"]).toBe(pct("8,40 %"));
  });

  it("shows the file's rate with where it comes from, and what to enter when there is none", () => {
    expect(renderBlock("rotation", exampleState(template)).rows[0].cells).toEqual([fr("Taux de rotation du bailleur dans le département en 2025, d'après l'état des lieux"), pct("8,00 %")]);
    const state = exampleState(template);
    state.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: null };
    expect(renderBlock("rotation", state).error).toMatch(/^Taux de rotation inconnu pour Habitat Garonne/);
  });

  it("returns the engine's message for an empty stock", () => {
    const state = exampleC("standard");
    state.flux!.bailleurs[0].rotation.data!.stock = { total: 0, students: 0, specific: 0, sale: 0, demolition: 0 };
    expect(renderBlock("rotation", state).rows.map((r) => r.cells[0]).join(" ")).toMatch(/parc retenu/);
  });
});

describe("deadlines", () => {
  it("gives the 1- and 3-month notice and new programme deadlines, « 5 jours ouvrés » wherever the answer is due", () => {
    const model = renderBlock("deadlines", exampleState(template));
    expect(model.columns.map((c) => c.key)).toEqual(["step", "notice1", "notice3", "new"]);
    expect(model.rows[1].cells).toEqual(["Le réservataire indique s'il peut présenter des candidats", "Sous 5 jours ouvrés", "Sous 5 jours ouvrés", "—"].map(fr));
    expect(model.rows[2].cells[3]).toBe(fr("Sous 10 jours calendaires"));
    expect(model.rows[4].cells[1]).toBe("À la mise à disposition");
    // The contractual table holds rules only: no example dates, no holiday list.
    expect(model.rows).toHaveLength(5);
    expect(JSON.stringify(model)).not.toMatch(/Exemple|\d{2}\/\d{2}\/\d{4}|fériés 2026/);
  });

  it("follows the décompte option", () => {
    const state = exampleState(template);
    state.options.decompte = { choice: "entree_dans_les_lieux" };
    expect(renderBlock("deadlines", state).rows[4].cells[1]).toBe("À l’entrée dans les lieux");
  });
});

describe("deadlines_example (informative annexe)", () => {
  it("works the deadlines out from the start date, with the year's holidays", () => {
    const model = renderBlock("deadlines_example", exampleState(template));
    expect(model.title).toBe("Exemple de calcul des délais (informatif)");
    // 1 January 2026 is a holiday: the notice counts from Friday 2 January; 5 working days → Friday 9 January.
    expect(model.rows[0].values).toEqual({ received: "2026-01-02", answer: "2026-01-09", candidates: "2026-02-02" });
    expect(model.rows[2].values).toEqual({ commissioning: "2026-07-01", details: "2026-04-01", newCandidates: "2026-04-11" });
    expect(model.rows[1].cells[1]).toContain(fr("logement libre le 02/04/2026"));
    expect(model.notes[0]).toContain("Lundi de Pentecôte (25/05/2026)");
  });

  it("skips Ascension and the 8 May bridge", () => {
    const state = exampleState(template);
    state.meta.startDate = "2026-05-07";
    expect(renderBlock("deadlines_example", state).rows[0].values?.answer).toBe("2026-05-18"); // 8 May, weekend, Ascension (14 May) skipped
  });
});

describe("etat_des_lieux", () => {
  it("summarises the bailleur's dwellings on the territory by réservataire, commune, typologie, financement and QPV", () => {
    const model = renderBlock("etat_des_lieux", exampleState(template));
    const groups = model.rows.map((row) => row.cells[0]).filter(Boolean);
    expect(groups).toEqual(["Inventaire", "Réservataire", "Commune", "Typologie", "Financement", "Quartier prioritaire", "Type d'habitat"].map(fr));
    const byItem = Object.fromEntries(model.rows.map((row) => [row.cells[1], row.cells.slice(2)]));
    expect(byItem["Assiette du flux"]).toEqual([`2${NNBSP}000`, pct("100,00 %")]);
    expect(byItem[fr(`${P} — publics prioritaires`)]).toEqual(["410", pct("20,50 %")]);
    expect(byItem["Ville de Muret"]).toEqual(["160", pct("8,00 %")]);
    expect(byItem["Non réservé"]).toEqual(["720", pct("36,00 %")]);
    expect(byItem["En QPV"]).toEqual(["500", pct("25,00 %")]);
    expect(byItem["Muret (31395)"]).toEqual([`1${NNBSP}200`, pct("60,00 %")]);
    expect(byItem["Logements exclus du flux"][0]).toBe("25");
    expect(byItem["Logements sur le territoire"][0]).toBe(`2${NNBSP}025`);
  });

  it("asks for an état des lieux when the bailleur has none", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0] = { ...state.flux!.bailleurs[0], status: "sans_etat_des_lieux", counts: null };
    expect(renderBlock("etat_des_lieux", state).error).toMatch(/n’a pas encore d’état des lieux confirmé pour 2026/);
  });
});

describe("exclusions", () => {
  it("lists every reason with its regime and a total: sale plan and demolition always out", () => {
    const model = renderBlock("exclusions", exampleState(template));
    expect(model.rows[0].cells).toEqual(["Défense nationale", "Toujours exclu", "4"]);
    expect(model.rows.find((row) => row.cells[0] === "Plan de vente")?.cells).toEqual(["Plan de vente", "Toujours exclu", "12"]);
    expect(model.rows.find((row) => row.cells[0] === "Démolition programmée")?.cells).toEqual(["Démolition programmée", "Toujours exclu", "6"]);
    expect(model.rows.find((row) => row.cells[0] === "Logement étudiant")?.cells).toEqual(["Logement étudiant", "Exclu par la convention", "3"]);
    expect(model.rows.at(-1)?.cells).toEqual(["Total exclu", "", "25"]);
    const included = renderBlock("exclusions", exampleState(template, { options: { logements_etudiants_specifiques: { choice: "inclus" } } }));
    expect(included.rows.find((row) => row.cells[0] === "Logement étudiant")?.cells[1]).toBe(fr("Inclus dans l'assiette par la convention"));
    expect(included.rows.at(-1)?.cells[2]).toBe("22");
  });
});

describe("contacts", () => {
  it("lists every party with its kind, the pilot and the contact", () => {
    const model = renderBlock("contacts", exampleState(template));
    expect(model.rows).toHaveLength(5);
    expect(model.rows[0].cells).toEqual(["Habitat Garonne", "Bailleur — pilote", "Paul Roux", "flux@habitat-garonne.example", "05 61 00 00 00"]);
    expect(model.rows[1].cells).toEqual(["Préfecture de la Haute-Garonne (DDETS)", "État (préfet, DDETS)", "Jean Dupont", "—", "—"]);
  });
});

describe("signatures", () => {
  it("gives one row per party, named as a legal person with its representative, and Fait à … le …", () => {
    const state = exampleState(template);
    const model = renderBlock("signatures", state);
    expect(model.rows).toHaveLength(5);
    expect(model.rows[2].cells).toEqual(
      [
        "Pour Action Logement Services",
        `Action Logement Services, société par actions simplifiée, SIREN 777${NNBSP}123${NNBSP}456, dont le siège est 21 quai d'Austerlitz, 75013 Paris, représentée par Mme\u00A0Sophie Bernard, Directrice régionale`,
        "Fait à Toulouse, le …………",
      ].map(fr),
    );
    expect(model.rows[1].cells[1]).toBe(fr("L'État, représenté par le préfet de la Haute-Garonne, M.\u00A0Jean Dupont"));
    state.meta.signatureDate = "2026-03-01";
    expect(renderBlock("signatures", state).rows[0].cells[2]).toBe(fr("Fait à Toulouse, le 1er mars 2026"));
  });
});

describe("renderBlock and blockPlainText", () => {
  it("returns an error for an unknown block", () => {
    expect(renderBlock("camembert", exampleState(template)).error).toBe("Bloc calculé inconnu : « camembert ».");
  });

  it("never throws on malformed shared data", () => {
    const state = exampleState(template);
    state.meta.startDate = "2026-13-45";
    expect(renderBlock("deadlines_example", state).error).toMatch(/Bloc non calculable/);
  });

  it("writes a table as lines of cells separated by |", () => {
    const text = blockPlainText(renderBlock("flux_table", exampleState(template)));
    const lines = text.split("\n");
    expect(lines[0]).toBe(fr("Répartition du flux annuel 2026 (estimation en logements)"));
    expect(lines[1]).toBe("Réservataire | Part du flux | Volume exact | Logements (estimation)");
    expect(lines[2]).toBe(`${P} — publics prioritaires | 20,50${NNBSP}% | 26,24 | 26`);
    expect(lines).toContain(`Total | 100,00${NNBSP}% | 128,00 | 128`);
  });

  it("writes an error under its title", () => {
    expect(blockPlainText({ title: "T", columns: [], rows: [], notes: [], error: "E" })).toBe("T\nE");
  });
});
