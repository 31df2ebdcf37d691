import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { makePaddedXlsx, makeXlsx } from "../../../tests/fixtures/inventory/make-xlsx";
import { importInventoryCsvText } from "./csv";
import { MAX_CELL_LENGTH, MAX_INVENTORY_ROWS, MAX_XLSX_UNPACKED_BYTES } from "./limits";
import { importInventoryXlsx } from "./xlsx";
import { checkXlsxBounds } from "./xlsx-bounds";

const fr = (n: number) => n.toLocaleString("fr-FR");
const HEADER = [
  "N° RPLS", "Réservataire", "Département", "EPCI", "Commune", "QPV", "Typologie", "Financement",
  "Collectif/individuel", "Taux de rotation du bailleur", "Taux de rotation du parc ex-réservataire",
  "Date de début de convention", "Date de fin de convention",
];
const ROW = ["0310000001", "al", "31", "243100518", "31555", "non", "T3", "PLUS", "collectif", "0,075", "0,08", "01/01/2024", "31/12/2033"];

/** Rewrites the uncompressed size every central-directory entry declares. */
function declareSizes(archive: Uint8Array, size: (declared: number) => number) {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = archive.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let entry = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 8, true); i++) {
    view.setUint32(entry + 24, size(view.getUint32(entry + 24, true)), true);
    entry += 46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
  }
}

describe("XLSX bounds", () => {
  it("accepts an ordinary workbook, stored or deflated", () => {
    expect(checkXlsxBounds(makeXlsx([HEADER, ROW]))).toBeUndefined();
    expect(checkXlsxBounds(makeXlsx([HEADER, ROW], { deflate: true }))).toBeUndefined();
  });

  it("refuses a workbook unpacking past the bound, without inflating it in full", () => {
    // A few hundred Ko holding 300 Mo of spaces: the reproduced bomb.
    const bomb = makePaddedXlsx([HEADER, ROW], 300 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const issue = checkXlsxBounds(bomb);
    expect(issue).toMatchObject({ code: "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX" });
    expect(issue?.message).toMatch(/^Le classeur, une fois décompressé, dépasse 200 Mo \(partie « xl\/worksheets\/sheet1\.xml »\)/);
  });

  it("counts the sizes the archive declares: the parser allocates them before inflating", () => {
    const workbook = makeXlsx([HEADER, ROW], { deflate: true });
    declareSizes(workbook, () => 0xffffffff);
    expect(checkXlsxBounds(workbook)).toMatchObject({ code: "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX" });
  });

  it("counts the bytes actually inflated when the archive lies about its sizes", () => {
    // Empty elements rather than spaces, so that only the size bound can catch it.
    const bomb = makePaddedXlsx([HEADER, ROW], 300 * 1024 * 1024, "<a/>");
    declareSizes(bomb, () => 1_000);
    const start = performance.now();
    expect(checkXlsxBounds(bomb)).toMatchObject({ code: "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX" });
    console.log(`lying bomb refused after inflating the bound: ${Math.round(performance.now() - start)} ms`);
  });

  it("counts the worksheet's rows while inflating and refuses past the limit", () => {
    const parts = unzipSync(makeXlsx([HEADER]));
    const rows = Array.from({ length: MAX_INVENTORY_ROWS + 1 }, (_, i) => `<x:row r="${i + 2}"/>`).join("");
    const sheet = new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"]).replace("</sheetData>", `${rows}</sheetData>`);
    parts["xl/worksheets/sheet1.xml"] = new TextEncoder().encode(sheet);
    const issue = checkXlsxBounds(zipSync(parts, { level: 6 }));
    expect(issue).toMatchObject({ code: "INVENTAIRE_TROP_DE_LIGNES" });
    expect(issue?.message).toContain(`${fr(600_000)} logements`);
  });

  it("refuses a long run of text between two tags, which the parser would take minutes over", () => {
    // 190 Mo of spaces, under the size bound: the parser spent more than 120 s on it.
    const issue = checkXlsxBounds(makePaddedXlsx([HEADER, ROW], 190 * 1024 * 1024));
    expect(issue).toMatchObject({ code: "INVENTAIRE_XLSX_ILLISIBLE" });
    expect(issue?.message).toContain("la partie « xl/worksheets/sheet1.xml » contient plus de 128 Ko de texte d'un seul tenant");
    // A long cell as Excel allows it (32 767 characters) is fine.
    expect(checkXlsxBounds(makeXlsx([HEADER, [...ROW.slice(0, 12), "é".repeat(32_767)]], { deflate: true }))).toBeUndefined();
  });

  it("calls a damaged archive unreadable rather than failing", () => {
    const workbook = makeXlsx([HEADER, ROW], { deflate: true });
    expect(checkXlsxBounds(workbook.subarray(0, 100))).toMatchObject({ code: "INVENTAIRE_XLSX_ILLISIBLE" });
  });

  it("importInventoryXlsx applies the bounds before parsing", async () => {
    const result = await importInventoryXlsx(makePaddedXlsx([HEADER, ROW], MAX_XLSX_UNPACKED_BYTES + 1));
    expect(result).toMatchObject({ ok: false, errorCount: 1, issues: [{ code: "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX" }] });
  });
});

describe("inventory line limits", () => {
  it("refuses a cell longer than MAX_CELL_LENGTH with its location, without quoting it", () => {
    const long = "x".repeat(MAX_CELL_LENGTH + 1);
    const text = [HEADER.join(";"), [...ROW.slice(0, 3), long, ...ROW.slice(4)].join(";")].join("\n");
    const result = importInventoryCsvText(text, { bytes: text.length, encoding: "utf-8" });
    expect(result).toMatchObject({ ok: false, issues: [{ code: "INVENTAIRE_CELLULE_TROP_LONGUE", line: 2, column: 4 }] });
    const message = !result.ok ? result.issues[0].message : "";
    expect(message).toBe(
      `Ligne 2, colonne 4 (« EPCI ») : la cellule compte ${fr(1_001)} caractères, au-delà de ${fr(1_000)} ; vérifiez la colonne et les guillemets.`,
    );
  });

  it("stops reading past MAX_INVENTORY_ROWS dwellings and refuses with that one message", () => {
    // Blank lines are not dwellings; invalid lines are, and the limit wins over their errors.
    const lines = [HEADER.join(";"), ""];
    for (let i = 0; i <= MAX_INVENTORY_ROWS; i++) lines.push("x");
    const text = lines.join("\n");
    const result = importInventoryCsvText(text, { bytes: text.length, encoding: "utf-8" });
    expect(result).toEqual({
      ok: false,
      errorCount: 1,
      issues: [{ code: "INVENTAIRE_TROP_DE_LIGNES", line: MAX_INVENTORY_ROWS + 3, message: expect.stringContaining(`dépasse ${fr(600_000)} logements`) }],
    });
  });
});
