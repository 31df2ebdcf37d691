// The events file is read by the inventory's readers: CSV in UTF-8 or Windows-1252, XLSX, the same bounds and refusals.
import { readFileSync } from "node:fs";
import writeXlsxFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { encodeWindows1252 } from "../../../tests/bench/generate-inventory";
import { decompteTemplateCsv, DECOMPTE_COLUMN_LIST } from "./columns";
import { importDecompteFile } from "./importer";

const CSV = [
  "N° RPLS;Code réservataire;Date de l'événement;Type d'événement;Motif;Ménage prioritaire",
  "3100000001;Préfet-prioritaires;03/02/2026;Mise à disposition;;",
  "3100000001;Préfet-prioritaires;24/02/2026;Refus du candidat;Localisation;",
  "3100000001;Préfet-prioritaires;2026-03-12;Attribution;;oui",
].join("\r\n");

describe("reading an events file", () => {
  it("reads French headers, labels and dates in UTF-8 and in Windows-1252 alike", async () => {
    const utf8 = await importDecompteFile(new TextEncoder().encode(CSV), "evenements.csv");
    const cp1252 = await importDecompteFile(encodeWindows1252(CSV), "evenements.csv");
    expect(utf8.ok && cp1252.ok).toBe(true);
    if (!utf8.ok || !cp1252.ok) return;
    expect(cp1252.rows).toEqual(utf8.rows);
    expect(utf8.rows.map((r) => [r.reservataire, r.date, r.event, r.motif, r.prioritaire])).toEqual([
      ["Préfet-prioritaires", "2026-02-03", "mise_a_disposition", null, null],
      ["Préfet-prioritaires", "2026-02-24", "refus_candidat", "localisation", null],
      ["Préfet-prioritaires", "2026-03-12", "attribution", null, true],
    ]);
  });

  it("reads the same events from a workbook", async () => {
    const rows = CSV.split("\r\n").map((line) => line.split(";").map((value) => value || null));
    const xlsx = await writeXlsxFile(rows).toBuffer();
    const fromXlsx = await importDecompteFile(new Uint8Array(xlsx), "evenements.xlsx");
    const fromCsv = await importDecompteFile(new TextEncoder().encode(CSV), "evenements.csv");
    expect(fromXlsx.ok && fromCsv.ok && fromXlsx.rows).toEqual(fromCsv.ok && fromCsv.rows);
  });

  it("refuses a binary, a line with a cell too many, and an empty file, each in French", async () => {
    const binary = await importDecompteFile(new Uint8Array([0x4e, 0x00, 0x01, 0x02]), "x.csv");
    expect(binary.ok ? [] : binary.issues.map((i) => i.code)).toEqual(["DECOMPTE_ENCODAGE_INVALIDE"]);
    const shifted = await importDecompteFile(new TextEncoder().encode(`${CSV}\r\n3100000001;al;01/04/2026;bail_signe;;;en trop`), "x.csv");
    expect(shifted.ok ? [] : shifted.issues.map((i) => [i.code, i.line])).toEqual([["DECOMPTE_NOMBRE_DE_COLONNES", 5]]);
    const empty = await importDecompteFile(new Uint8Array(), "x.csv");
    expect(empty.ok ? "" : empty.issues[0].message).toMatch(/^Le fichier est vide/);
  });

  it("refuses a workbook that is not one", async () => {
    const broken = await importDecompteFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx");
    expect(broken.ok ? [] : broken.issues.map((i) => i.code)).toEqual(["DECOMPTE_XLSX_ILLISIBLE"]);
  });

  it("gives the template file the documentation ships, which imports as it is", async () => {
    const shipped = readFileSync(new URL("../../../docs/modele-evenements-decompte.csv", import.meta.url), "utf8");
    expect(shipped).toBe(decompteTemplateCsv());
    const parsed = await importDecompteFile(new TextEncoder().encode(shipped), "modele.csv");
    expect(parsed.ok && parsed.rows.length).toBe(9);
    expect(shipped.split("\r\n")[0].split(";")).toEqual(DECOMPTE_COLUMN_LIST.map((c) => c.label));
  });
});
