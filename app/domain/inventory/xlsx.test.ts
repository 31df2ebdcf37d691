import { wholeFile } from "./test-support";
import { describe, expect, it } from "vitest";

import { makeXlsx, zipStored } from "../../../tests/fixtures/inventory/make-xlsx";
import { importInventoryFile } from "./import-file";
import { MAX_INVENTORY_BYTES } from "./limits";
import { cellText, importInventoryXlsx } from "./xlsx";

const HEADER = [
  "N° RPLS",
  "Réservataire",
  "Département",
  "EPCI",
  "Commune",
  "QPV",
  "Typologie",
  "Financement",
  "Collectif/individuel",
  "Taux de rotation du bailleur",
  "Taux de rotation du parc ex-réservataire",
  "Date de début de convention",
  "Date de fin de convention",
];

describe("XLSX inventory", () => {
  it("reads typed cells: numbers, percentages stored as fractions, date cells", async () => {
    const workbook = makeXlsx([
      HEADER,
      ["0310000001", "al", 31, 243100518, 31555, "non", "T3", "PLUS", "collectif", 0.075, 0.08, { date: "2024-01-01" }, { date: "2033-12-31" }],
      ["0310000002", null, 31, "243100518", "31555", "oui", 4, "PLAI", "I", "7,5 %", null, null, null],
    ]);
    const result = await importInventoryFile(workbook, "inventaire.xlsx");
    if (!result.ok) throw new Error(result.issues[0].message);
    expect(result.source).toEqual({ format: "xlsx", bytes: workbook.byteLength });
    expect(result.rows).toEqual([
      expect.objectContaining({ line: 2, departement: "31", commune: "31555", rotationBailleur: "0.075", rotationExReservataire: "0.08", conventionStart: "2024-01-01", conventionEnd: "2033-12-31" }),
      expect.objectContaining({ line: 3, reservataire: null, qpv: true, typologie: "T4", habitat: "individuel", conventionStart: null }),
    ]);
    expect(wholeFile(result.aggregates)).toMatchObject({ assiette: 2, reserved: { al: 1 }, nonReserved: 1 });
  });

  it("reports cell errors with the sheet's line and column", async () => {
    const workbook = makeXlsx([HEADER, ["0310000001", "al", 31, 243100518, 31555, "non", "T3", "PLUS", "collectif", 0.075, null, "31/02/2024", null]]);
    const result = await importInventoryXlsx(workbook);
    expect(result).toEqual({
      ok: false,
      errorCount: 1,
      issues: [expect.objectContaining({ code: "INVENTAIRE_DATE_INVALIDE", line: 2, column: 12 })],
    });
  });

  it("INVENTAIRE_XLSX_ILLISIBLE for a ZIP archive that is not a workbook, whatever its name", async () => {
    const archive = zipStored({ "inventaire.csv": "Numéro RPLS;Réservataire\n" });
    const result = await importInventoryFile(archive, "inventaire.csv");
    expect(result).toMatchObject({ ok: false, issues: [{ code: "INVENTAIRE_XLSX_ILLISIBLE" }] });
    expect(!result.ok && result.issues[0].message).toMatch(/^Le fichier ressemble à une archive \(XLSX ou ZIP\) mais n'est pas un classeur Excel lisible/);
  });

  it("applies the same size and emptiness limits as CSV", async () => {
    expect(await importInventoryXlsx(new Uint8Array(0))).toMatchObject({ ok: false, issues: [{ code: "INVENTAIRE_FICHIER_VIDE" }] });
    expect(await importInventoryXlsx(new Uint8Array(MAX_INVENTORY_BYTES + 1))).toMatchObject({
      ok: false,
      issues: [{ code: "INVENTAIRE_TROP_VOLUMINEUX" }],
    });
  });

  it("turns cells into the text a CSV export would carry", () => {
    expect(cellText(0.07100000000000001)).toBe("0.071");
    expect(cellText(31555)).toBe("31555");
    expect(cellText(true)).toBe("oui");
    expect(cellText(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(cellText(null)).toBe("");
  });
});
