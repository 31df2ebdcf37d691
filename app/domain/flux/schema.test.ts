import { describe, expect, it } from "vitest";

import { FluxParamsSchema, FluxScenarioSchema, formatPath, validateWith } from "./schema";

const valid = {
  assiette: 2000,
  rotationRate: "0.08",
  deductions: { mutations: 20, relogements: 12 },
  reservataires: [
    { id: "pp", kind: "prefet_prioritaires", reserved: 410 },
    { id: "al", kind: "action_logement", reserved: 560 },
    { id: "cx", kind: "commune", reserved: 160 },
  ],
};

function issuesOf(input: unknown) {
  const outcome = validateWith(FluxScenarioSchema, input);
  if (outcome.ok) throw new Error("expected the scenario to be refused");
  return outcome.issues;
}

const withLine = (index: number, patch: Record<string, unknown>, remove: string[] = []) => {
  const reservataires = valid.reservataires.map((line, i) => {
    if (i !== index) return line;
    const next: Record<string, unknown> = { ...line, ...patch };
    for (const key of remove) delete next[key];
    return next;
  });
  return { ...valid, reservataires };
};

describe("FluxScenarioSchema", () => {
  it("accepts the issue's format and fills in the defaults", () => {
    const outcome = validateWith(FluxScenarioSchema, { assiette: 10, rotationRate: "0.1", reservataires: [] });
    expect(outcome).toEqual({
      ok: true,
      data: { assiette: 10, rotationRate: "0.1", deductions: { mutations: 0, relogements: 0 }, reservataires: [] },
    });
  });

  it("SCENARIO_VALEUR_INVALIDE names the path, the value and what is expected", () => {
    expect(issuesOf(withLine(2, { reserved: -3 }))).toEqual([
      {
        path: "reservataires[2].reserved",
        code: "SCENARIO_VALEUR_INVALIDE",
        message:
          "reservataires[2].reserved : valeur -3 invalide ; attendu : un nombre entier de logements réservés dans l'assiette, ≥ 0 (p. ex. 410).",
      },
    ]);
  });

  it.each([
    ["a rate given as a number", { rotationRate: 0.08 }, "rotationRate"],
    ["a rate above 1", { rotationRate: "1.5" }, "rotationRate"],
    ["a rate with a decimal comma", { rotationRate: "0,08" }, "rotationRate"],
    ["a fractional count", { assiette: 20.5 }, "assiette"],
    ["a count given as a string", { assiette: "2000" }, "assiette"],
    ["a year out of range", { year: 1850 }, "year"],
  ])("SCENARIO_VALEUR_INVALIDE for %s", (_, patch, path) => {
    expect(issuesOf({ ...valid, ...patch })).toMatchObject([{ path, code: "SCENARIO_VALEUR_INVALIDE" }]);
  });

  it("SCENARIO_VALEUR_INVALIDE for an unknown kind and an impossible date", () => {
    expect(issuesOf(withLine(1, { kind: "bailleur_social" }))).toMatchObject([
      { path: "reservataires[1].kind", code: "SCENARIO_VALEUR_INVALIDE" },
    ]);
    const impossible = {
      ...valid,
      year: 2026,
      reservataires: [
        { id: "al", kind: "action_logement", method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 1, end: "2026-02-30" }] },
      ],
    };
    expect(issuesOf(impossible)).toMatchObject([{ path: "reservataires[0].programmes[0].end", code: "SCENARIO_VALEUR_INVALIDE" }]);
  });

  it("SCENARIO_CHAMP_MANQUANT for a missing required field", () => {
    const { assiette: _, ...rest } = valid;
    expect(issuesOf(rest)).toEqual([
      {
        path: "assiette",
        code: "SCENARIO_CHAMP_MANQUANT",
        message: "assiette : champ obligatoire manquant ; attendu : un nombre entier de logements ≥ 0 (p. ex. 2000).",
      },
    ]);
    expect(issuesOf(withLine(0, {}, ["kind"]))).toMatchObject([{ path: "reservataires[0].kind", code: "SCENARIO_CHAMP_MANQUANT" }]);
  });

  it("SCENARIO_CHAMP_INCONNU for every unknown field, at any depth", () => {
    expect(issuesOf({ ...valid, assiete: 3, deductions: { mutations: 1, relogement: 2 } })).toEqual([
      expect.objectContaining({ path: "deductions.relogement", code: "SCENARIO_CHAMP_INCONNU" }),
      expect.objectContaining({ path: "assiete", code: "SCENARIO_CHAMP_INCONNU" }),
    ]);
  });

  it("SCENARIO_TAUX_ROTATION_AMBIGU when both or neither of rotationRate and rotation are given", () => {
    const { rotationRate: _, ...neither } = valid;
    expect(issuesOf(neither)).toMatchObject([{ path: "rotationRate", code: "SCENARIO_TAUX_ROTATION_AMBIGU" }]);
    const both = { ...valid, rotation: { method: "standard", releases: { total: 1 }, stock: { total: 10 } } };
    expect(issuesOf(both)[0].message).toContain("pas les deux");
  });

  it("SCENARIO_ANNEE_REQUISE when a droits-de-suite line has no year to start from", () => {
    const scenario = withLine(1, { method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 1, end: "2030-12-31" }] }, ["reserved"]);
    expect(issuesOf(scenario)).toMatchObject([{ path: "year", code: "SCENARIO_ANNEE_REQUISE" }]);
  });

  it("SCENARIO_IDENTIFIANT_EN_DOUBLE names both lines", () => {
    expect(issuesOf(withLine(2, { id: "pp" }))).toEqual([
      {
        path: "reservataires[2].id",
        code: "SCENARIO_IDENTIFIANT_EN_DOUBLE",
        message: "reservataires[2].id : l'identifiant « pp » est déjà utilisé par reservataires[0] ; chaque identifiant doit être unique.",
      },
    ]);
  });

  it("SCENARIO_IDENTIFIANT_RESERVE for a line called bailleur", () => {
    expect(issuesOf(withLine(0, { id: "bailleur" }))).toMatchObject([{ path: "reservataires[0].id", code: "SCENARIO_IDENTIFIANT_RESERVE" }]);
  });

  it("SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT for another kind", () => {
    const scenario = {
      ...withLine(2, { method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 1, end: "2030-12-31" }] }, ["reserved"]),
      year: 2026,
    };
    expect(issuesOf(scenario)).toMatchObject([
      { path: "reservataires[2].kind", code: "SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT" },
    ]);
  });

  it("SCENARIO_CHAMP_INCOMPATIBLE for a field of the other method", () => {
    expect(issuesOf(withLine(1, { rotationRate: "0.07" }))).toMatchObject([
      { path: "reservataires[1].rotationRate", code: "SCENARIO_CHAMP_INCOMPATIBLE" },
    ]);
    const scenario = { ...withLine(1, { method: "droits_de_suite", programmes: [{ id: "P", droitsDeSuite: 1, end: "2030-12-31" }] }), year: 2026 };
    expect(issuesOf(scenario)).toMatchObject([{ path: "reservataires[1].reserved", code: "SCENARIO_CHAMP_INCOMPATIBLE" }]);
  });

  it("SCENARIO_PART_MANQUANTE when a line has neither reserved nor share", () => {
    expect(issuesOf(withLine(0, {}, ["reserved"]))).toEqual([
      {
        path: "reservataires[0]",
        code: "SCENARIO_PART_MANQUANTE",
        message: "reservataires[0] : indiquez le nombre de logements réservés dans l'assiette (reserved) ou la part négociée (share).",
      },
    ]);
  });

  it("a droits-de-suite line needs a non-empty programme list", () => {
    const scenario = { ...withLine(1, { method: "droits_de_suite", programmes: [] }, ["reserved"]), year: 2026 };
    expect(issuesOf(scenario)).toMatchObject([{ path: "reservataires[1].programmes", code: "SCENARIO_VALEUR_INVALIDE" }]);
  });

  it("refuses what is not an object at all", () => {
    expect(issuesOf([])).toMatchObject([{ path: "", code: "SCENARIO_VALEUR_INVALIDE" }]);
    expect(issuesOf(null)[0].message).toMatch(/^Scénario : valeur null invalide/);
  });
});

describe("FluxParamsSchema", () => {
  it("is the scenario without assiette nor reserved", () => {
    const params = { rotationRate: "0.08", reservataires: [{ id: "al", kind: "action_logement" }] };
    expect(validateWith(FluxParamsSchema, params).ok).toBe(true);
    const outcome = validateWith(FluxParamsSchema, { ...params, assiette: 10, reservataires: [{ id: "al", kind: "action_logement", reserved: 3 }] });
    expect(!outcome.ok && outcome.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ["reservataires[0].reserved", "SCENARIO_CHAMP_INCONNU"],
      ["assiette", "SCENARIO_CHAMP_INCONNU"],
    ]);
  });
});

describe("formatPath", () => {
  it("writes array indexes in brackets", () => {
    expect(formatPath(["reservataires", 2, "programmes", 0, "end"])).toBe("reservataires[2].programmes[0].end");
    expect(formatPath([])).toBe("");
  });
});
