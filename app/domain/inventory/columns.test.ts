import { describe, expect, it } from "vitest";

import { INVENTORY_COLUMNS, INVENTORY_FIELDS, fieldOfHeader, matchHeader, normalizeHeader } from "./columns";

const canonical = INVENTORY_FIELDS.map((field) => INVENTORY_COLUMNS[field].label);

describe("inventory header", () => {
  it.each([
    ["Numéro RPLS", "rpls"],
    ["NUMERO_RPLS", "rpls"],
    ["n° rpls", "rpls"],
    ["Contingent d'appartenance", "reservataire"],
    ["DEPCOM", "commune"],
    ["code_insee", "commune"],
    ["TYPECONST", "habitat"],
    ["Collectif ou individuel", "habitat"],
    ["taux_rotation_bailleur", "rotationBailleur"],
    ["Taux de rotation du parc ex-réservataire", "rotationExReservataire"],
    ["DATE DE DÉBUT DE CONVENTION", "conventionStart"],
    ["date_fin_convention", "conventionEnd"],
    ["Motif d’exclusion", "exclusion"],
    ["Surface habitable", undefined],
  ])("%s names %s", (header, field) => expect(fieldOfHeader(header)).toBe(field));

  it("no spelling names two fields", () => {
    const seen = new Map<string, string>();
    for (const column of Object.values(INVENTORY_COLUMNS)) {
      for (const spelling of [column.label, column.field, ...column.synonyms]) {
        const key = normalizeHeader(spelling);
        expect([column.field, undefined]).toContain(seen.get(key));
        seen.set(key, column.field);
      }
    }
  });

  it("maps every column, keeps the exclusion column optional and lists ignored columns", () => {
    const match = matchHeader(["Surface", ...canonical.slice(0, -1)]);
    expect(match.ok).toBe(true);
    if (!match.ok) return;
    expect(match.positions.rpls).toBe(1);
    expect(match.positions.exclusion).toBe(-1);
    expect(match.ignored).toEqual(["Surface"]);
  });

  it("INVENTAIRE_COLONNE_MANQUANTE lists every missing column with its accepted names", () => {
    const match = matchHeader(canonical.filter((label) => label !== "Typologie" && label !== "QPV"));
    expect(!match.ok && match.issues.map((issue) => issue.code)).toEqual(["INVENTAIRE_COLONNE_MANQUANTE", "INVENTAIRE_COLONNE_MANQUANTE"]);
    expect(!match.ok && match.issues[1].message).toBe(
      "Colonne obligatoire absente : « Typologie ». Intitulés reconnus (casse, accents et espaces indifférents) : Typologie, Typo, Type de logement, Type logement, Nombre de pièces, Nb pièces, NBPIECE.",
    );
  });

  it("INVENTAIRE_COLONNE_EN_DOUBLE names both columns", () => {
    const match = matchHeader([...canonical, "RPLS"]);
    expect(!match.ok && match.issues).toEqual([
      expect.objectContaining({
        code: "INVENTAIRE_COLONNE_EN_DOUBLE",
        message: "La colonne « Numéro RPLS » apparaît plusieurs fois (colonnes 1 et 15) : gardez-en une seule.",
      }),
    ]);
  });
});
