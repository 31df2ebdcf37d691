import { readFileSync } from "node:fs";
import path from "node:path";

import { wholeFile } from "./test-support";
import { describe, expect, it } from "vitest";

import { encodeWindows1252, generateInventoryCsv } from "../../../tests/bench/generate-inventory";
import { checkSize, detectDelimiter, importInventoryCsv } from "./csv";
import type { InventoryImportResult } from "./importer";
import { MAX_INVENTORY_BYTES, MAX_REPORTED_ERRORS } from "./limits";

const FIXTURES = path.resolve(__dirname, "../../../tests/fixtures/inventory");
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

function refused(result: InventoryImportResult) {
  // All-or-nothing: a refused import carries no row and no aggregate at all.
  expect(result).not.toHaveProperty("rows");
  expect(result).not.toHaveProperty("aggregates");
  if (result.ok) throw new Error("expected the import to be refused");
  return result.issues;
}

function imported(result: InventoryImportResult) {
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join("\n"));
  return result;
}

describe("CSV inventory: valid files", () => {
  it("reads a Windows-1252 export with ';', decimal commas, percentages and French dates", () => {
    const result = imported(importInventoryCsv(fixture("valide-windows-1252.csv")));
    expect(result.source).toEqual({ format: "csv", bytes: 1152, encoding: "windows-1252", delimiter: ";" });
    expect(result.rows).toHaveLength(10);
    expect(result.rows[0]).toEqual({
      line: 2,
      rpls: "0310000001",
      reservataire: "ddets-prio",
      departement: "31",
      epci: "243100518",
      commune: "31555",
      qpv: true,
      typologie: "T3",
      financement: "PLUS",
      habitat: "collectif",
      rotationBailleur: "0.075",
      rotationExReservataire: "0.08",
      conventionStart: "2024-01-01",
      conventionEnd: "2033-12-31",
      exclusion: null,
    });
    expect(result.rows[3].rotationExReservataire).toBe("0.065"); // "6,5 %"
    expect(result.rows[4].exclusion).toBe("demolition");
    expect(result.rows[7].reservataire).toBeNull(); // "non réservé"
    expect(wholeFile(result.aggregates)).toMatchObject({
      dwellings: 10,
      assiette: 8,
      nonReserved: 2,
      reserved: { al: 2, "ddets-fonct": 1, "ddets-prio": 2, toulouse: 1 },
      exclusions: { demolition: 1, etudiants: 1, vente: 0, defense: 0 },
      qpv: { qpv: 2, hors_qpv: 6 },
    });
  });

  it("reads a UTF-8 file with BOM, ',' separator, quoted decimal commas, RPLS-style headers and ISO dates", () => {
    const result = imported(importInventoryCsv(fixture("valide-utf8-bom.csv")));
    expect(result.source).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(result.rows.map((row) => [row.rpls, row.typologie, row.financement, row.habitat, row.rotationBailleur])).toEqual([
      ["0310000101", "T3", "PLUS", "collectif", "0.075"],
      ["0310000102", "T4", "PLAI", "collectif", "0.075"],
      ["0310000103", "T2", "PLUS", "individuel", "0.075"],
      ["0310000104", "T2", "PLUS", "collectif", "0.075"],
    ]);
    expect(wholeFile(result.aggregates)).toMatchObject({ assiette: 3, exclusions: { vente: 1 }, reserved: { al: 2, cd31: 1 } });
  });

  it("ignores blank lines and reports unknown columns as a warning", () => {
    const text = `\r\n${generateInventoryCsv(3).replace(/^([^\r]*)/, "$1;Surface")
      .split("\r\n")
      .map((line, index) => (index > 0 && line ? `${line};54` : line))
      .join("\r\n")}\r\n\r\n`;
    const result = imported(importInventoryCsv(encodeWindows1252(text)));
    expect(result.rows.map((row) => row.line)).toEqual([3, 4, 5]);
    expect(result.warnings).toEqual([{ code: "INVENTAIRE_COLONNE_IGNOREE", message: "Colonne non reconnue, ignorée : « Surface »." }]);
  });

  it("detects the separator from the header", () => {
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectDelimiter('a,b,"c;d"\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
  });
});

describe("CSV inventory: refusals, each with its French message", () => {
  it("INVENTAIRE_FICHIER_VIDE for a 0-byte upload", () => {
    expect(refused(importInventoryCsv(fixture("vide.csv")))).toEqual([
      { code: "INVENTAIRE_FICHIER_VIDE", message: "Le fichier est vide (0 octet) : choisissez le fichier d'inventaire exporté." },
    ]);
  });

  it("INVENTAIRE_SANS_EN_TETE for a file of blank lines", () => {
    expect(refused(importInventoryCsv(new TextEncoder().encode("\r\n  \r\n")))).toMatchObject([{ code: "INVENTAIRE_SANS_EN_TETE" }]);
  });

  it("INVENTAIRE_SANS_LOGEMENT for a header without any dwelling", () => {
    expect(refused(importInventoryCsv(fixture("en-tete-seul.csv")))).toEqual([
      { code: "INVENTAIRE_SANS_LOGEMENT", message: "Le fichier ne contient que la ligne d'en-tête : aucun logement à importer.", line: 2 },
    ]);
  });

  it("INVENTAIRE_TROP_VOLUMINEUX for a file over 50 Mo, generated here rather than committed", () => {
    const bytes = new Uint8Array(MAX_INVENTORY_BYTES + 1).fill(0x41);
    expect(refused(importInventoryCsv(bytes))).toEqual([
      {
        code: "INVENTAIRE_TROP_VOLUMINEUX",
        message: "Le fichier pèse 50 Mo, au-delà de la limite de 50 Mo : découpez l'inventaire par département.",
      },
    ]);
    expect(checkSize(MAX_INVENTORY_BYTES)).toBeUndefined();
    expect(checkSize(60 * 1024 * 1024)?.message).toContain("60 Mo");
  });

  it("INVENTAIRE_ENCODAGE_INVALIDE for bytes that are text in no encoding", () => {
    expect(refused(importInventoryCsv(fixture("binaire.csv")))).toEqual([
      {
        code: "INVENTAIRE_ENCODAGE_INVALIDE",
        message:
          "Le fichier n'est pas un texte lisible (ni UTF-8, ni Windows-1252) : octet de contrôle ou binaire à la position 7, ligne 2. Exportez l'inventaire en CSV ou en XLSX.",
        line: 2,
      },
    ]);
  });

  it("INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE for UTF-16", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x3b, 0x00]);
    expect(refused(importInventoryCsv(utf16))).toMatchObject([{ code: "INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE" }]);
  });

  it("INVENTAIRE_COLONNE_MANQUANTE for a missing required column", () => {
    expect(refused(importInventoryCsv(fixture("colonne-manquante.csv")))).toEqual([
      expect.objectContaining({ code: "INVENTAIRE_COLONNE_MANQUANTE", line: 1, columnName: "Typologie" }),
    ]);
  });

  it("INVENTAIRE_DATE_INVALIDE for each impossible or misformatted date, with line and column", () => {
    expect(refused(importInventoryCsv(fixture("date-invalide.csv")))).toEqual([
      {
        code: "INVENTAIRE_DATE_INVALIDE",
        message:
          "Ligne 3, colonne 13 (« Date de fin de convention ») : valeur « 31/02/2033 » invalide ; attendu : une date JJ/MM/AAAA ou AAAA-MM-JJ (p. ex. 31/12/2033), ou vide.",
        line: 3,
        column: 13,
        columnName: "Date de fin de convention",
      },
      expect.objectContaining({ code: "INVENTAIRE_DATE_INVALIDE", line: 4, column: 12 }),
    ]);
  });

  it("INVENTAIRE_RPLS_EN_DOUBLE says which lines hold the same number", () => {
    expect(refused(importInventoryCsv(fixture("rpls-en-double.csv")))).toEqual([
      {
        code: "INVENTAIRE_RPLS_EN_DOUBLE",
        message:
          "Ligne 4, colonne 1 (« Numéro RPLS ») : le numéro RPLS « 0310000001 » figure déjà ligne 2 ; chaque logement ne doit apparaître qu'une fois.",
        line: 4,
        column: 1,
        columnName: "Numéro RPLS",
      },
    ]);
  });

  it("INVENTAIRE_NOMBRE_DE_COLONNES for a line with a cell too many", () => {
    expect(refused(importInventoryCsv(fixture("nombre-de-colonnes.csv")))).toEqual([
      expect.objectContaining({ code: "INVENTAIRE_NOMBRE_DE_COLONNES", line: 3, message: expect.stringMatching(/^Ligne 3 : 15\u00a0valeurs au lieu de 14/) }),
    ]);
  });

  it("collects every error of every cell, each with its own code", () => {
    const issues = refused(importInventoryCsv(fixture("valeurs-invalides.csv")));
    expect(issues.map((issue) => [issue.code, issue.column])).toEqual([
      ["INVENTAIRE_RPLS_INVALIDE", 1],
      ["INVENTAIRE_QPV_INVALIDE", 6],
      ["INVENTAIRE_TYPOLOGIE_INVALIDE", 7],
      ["INVENTAIRE_FINANCEMENT_INVALIDE", 8],
      ["INVENTAIRE_TYPE_HABITAT_INVALIDE", 9],
      ["INVENTAIRE_TAUX_INVALIDE", 10],
      ["INVENTAIRE_TAUX_INVALIDE", 11],
      ["INVENTAIRE_MOTIF_EXCLUSION_INVALIDE", 14],
      ["INVENTAIRE_COMMUNE_HORS_DEPARTEMENT", 5],
      ["INVENTAIRE_DATES_INCOHERENTES", 13],
    ]);
    expect(issues[1].message).toBe("Ligne 2, colonne 6 (« QPV ») : valeur « peut-être » invalide ; attendu : oui ou non.");
  });

  it.each([
    ["INVENTAIRE_VALEUR_MANQUANTE", 0, "", /valeur manquante ; attendu : le numéro RPLS/],
    ["INVENTAIRE_DEPARTEMENT_INVALIDE", 2, "99", /code du département/],
    ["INVENTAIRE_COMMUNE_INVALIDE", 4, "Toulouse", /code INSEE/],
    ["INVENTAIRE_EPCI_INVALIDE", 3, "x".repeat(121), /SIREN de l'EPCI/],
    ["INVENTAIRE_RESERVATAIRE_INVALIDE", 1, "r".repeat(121), /identifiant du réservataire/],
  ])("%s", (code, column, value, message) => {
    const [header, line] = generateInventoryCsv(1).split("\r\n");
    const cells = line.split(";");
    cells[column] = value;
    const issues = refused(importInventoryCsv(encodeWindows1252(`${header}\r\n${cells.join(";")}\r\n`)));
    expect(issues).toEqual([expect.objectContaining({ code, line: 2, column: column + 1, message: expect.stringMatching(message) })]);
  });

  it("INVENTAIRE_CSV_MALFORME for an unclosed quote", () => {
    const [header, line] = generateInventoryCsv(1).split("\r\n");
    const issues = refused(importInventoryCsv(encodeWindows1252(`${header}\r\n"${line}\r\n`)));
    expect(issues.map((issue) => issue.code)).toContain("INVENTAIRE_CSV_MALFORME");
  });

  it("INVENTAIRE_ERREURS_TRONQUEES: every error is counted, the first ones are described", () => {
    const text = generateInventoryCsv(MAX_REPORTED_ERRORS + 200).replace(/;(oui|non);T/g, ";peut-être;T");
    const result = importInventoryCsv(encodeWindows1252(text));
    const issues = refused(result);
    expect(!result.ok && result.errorCount).toBe(MAX_REPORTED_ERRORS + 200);
    expect(issues).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(issues.at(-1)?.code).toBe("INVENTAIRE_ERREURS_TRONQUEES");
  });

  it("refuses the whole file for one bad line among valid ones", () => {
    const text = generateInventoryCsv(2000).replace("\r\n1000007000;", "\r\n1000007000;;;");
    const issues = refused(importInventoryCsv(encodeWindows1252(text)));
    expect(issues).toMatchObject([{ code: "INVENTAIRE_NOMBRE_DE_COLONNES", line: 1002 }]);
  });
});
