import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";

import { excelDate, isDateFormatCode, readFirstSheet, type SheetCell, XlsxUnreadable } from "./xlsx-sheet";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Book {
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  /** Where the relationship points (relative to xl/ or absolute), and where the sheet's part is stored. */
  target?: string;
  path?: string;
  deflate?: boolean;
}

/** A workbook made of the given parts, with a first sheet « Données » and a second one that must never be read. */
function book({ sheet, sharedStrings, styles, workbookPr = "", target = "worksheets/sheet1.xml", path = "xl/worksheets/sheet1.xml", deflate = false }: Book) {
  const parts: Record<string, Uint8Array> = {
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}">${workbookPr}` +
        `<sheets><sheet name="Données" sheetId="1" r:id="rId7"/><sheet name="Autre" sheetId="2" r:id="rId8"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId8" Type="${R}/worksheet" Target="worksheets/other.xml"/>` +
        `<Relationship Id="rId7" Type="${R}/worksheet" Target="${target}"/></Relationships>`,
    ),
    [path]: strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheet}</sheetData></worksheet>`),
    "xl/worksheets/other.xml": strToU8(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c><v>999</v></c></row></sheetData></worksheet>`),
  };
  if (sharedStrings !== undefined) parts["xl/sharedStrings.xml"] = strToU8(`<sst xmlns="${MAIN}">${sharedStrings}</sst>`);
  if (styles !== undefined) parts["xl/styles.xml"] = strToU8(`<styleSheet xmlns="${MAIN}">${styles}</styleSheet>`);
  return zipSync(parts, { level: deflate ? 6 : 0 });
}

function rowsOf(bytes: Uint8Array): { row: number; cells: SheetCell[] }[] {
  const rows: { row: number; cells: SheetCell[] }[] = [];
  readFirstSheet(bytes, (cells, row) => void rows.push({ row, cells }));
  return rows;
}

function unreadable(bytes: Uint8Array): string {
  try {
    readFirstSheet(bytes, () => undefined);
  } catch (error) {
    if (error instanceof XlsxUnreadable) return error.detail;
    throw error;
  }
  throw new Error("the workbook was read");
}

const DATE_STYLES =
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot; m&quot;"/></numFmts>` +
  `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs>`;

describe("XLSX sheet reader", () => {
  it("reads every kind of cell: shared strings (rich runs, no phonetic guide), inline strings, formula results, booleans, errors", () => {
    const rows = rowsOf(
      book({
        sharedStrings: `<si><t>Toulouse Métropole</t></si><si><r><t>Haute-</t></r><r><rPr><b/></rPr><t xml:space="preserve">Garonne</t></r><rPh><t>ガロンヌ</t></rPh></si><si/><si><t>A &amp; B &lt;C&gt; &#233;</t></si>`,
        sheet:
          `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
          `<row r="2"><c r="A2" t="inlineStr"><is><r><t>en </t></r><r><t>ligne</t></r></is></c><c r="B2" t="str"><f>A1&amp;"x"</f><v>calculé</v></c>` +
          `<c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2"><v>-12.5</v></c></row>`,
      }),
    );
    expect(rows).toEqual([
      { row: 1, cells: ["Toulouse Métropole", "Haute-Garonne", "", "A & B <C> é"] },
      { row: 2, cells: ["en ligne", "calculé", true, false, "#N/A", -12.5] },
    ]);
  });

  it("reads a number as a date when its style's format shows one, built in or custom, and in the 1904 system", () => {
    const sheet =
      `<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45657.75</v></c><c r="C1" s="3"><v>45292</v></c>` +
      `<c r="D1" s="4"><v>0.075</v></c><c r="E1" t="d"><v>2024-02-29</v></c><c r="F1" s="0"><v>45292</v></c></row>`;
    expect(rowsOf(book({ sheet, styles: DATE_STYLES }))[0].cells).toEqual([
      new Date("2024-01-01T00:00:00Z"),
      new Date("2024-12-31T18:00:00Z"),
      45292,
      0.075,
      new Date("2024-02-29T00:00:00Z"),
      45292,
    ]);
    const in1904 = rowsOf(book({ sheet: `<row r="1"><c r="A1" s="1"><v>43830</v></c></row>`, styles: DATE_STYLES, workbookPr: `<workbookPr date1904="1"/>` }));
    expect(in1904[0].cells).toEqual([new Date("2024-01-01T00:00:00Z")]);
  });

  it("tells date formats from number formats", () => {
    for (const code of ["dd/mm/yyyy", "d-mmm-yy", "[$-40C]d mmmm yyyy;@", "hh:mm", "[h]:mm:ss", "yyyy-mm-dd\\ hh:mm", "[Red]dd/mm/yy"]) {
      expect(isDateFormatCode(code), code).toBe(true);
    }
    for (const code of ["General", "0.00", "0.0%", '#,##0" m²"', "0.00E+00", "@", '[Red]#,##0;[Blue]-#,##0', '0" jours"', "_-* #,##0 _€"]) {
      expect(isDateFormatCode(code), code).toBe(false);
    }
    // Excel counts a 29 February 1900: serial 61 is 1 March 1900, serial 59 is 28 February.
    expect(excelDate(61, false).toISOString().slice(0, 10)).toBe("1900-03-01");
    expect(excelDate(59, false).toISOString().slice(0, 10)).toBe("1900-02-28");
    expect(excelDate(1, false).toISOString().slice(0, 10)).toBe("1900-01-01");
  });

  it("places cells by their reference, fills the gaps with null, and numbers rows as the sheet does", () => {
    const rows = rowsOf(
      book({
        sheet:
          `<row r="2"><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c></row>` +
          `<row><c><v>1</v></c><c><v>2</v></c><c r="E3"/><c><v>6</v></c></row>` +
          `<row r="7" spans="1:2"/>` +
          `<row r="9"><c r="AA9"><v>27</v></c></row>`,
      }),
    );
    // A cell whose reference goes backwards takes the next column: the sheet's order wins, nothing is overwritten.
    expect(rows.map((r) => r.row)).toEqual([2, 3, 7, 9]);
    expect(rows[0].cells).toEqual([null, null, 3, 1]);
    expect(rows[1].cells).toEqual([1, 2, null, null, null, 6]);
    expect(rows[2].cells).toEqual([]);
    expect(rows[3].cells).toHaveLength(27);
    expect(rows[3].cells[26]).toBe(27);
  });

  it("reads namespace-prefixed parts, deflated parts and absolute relationship targets", () => {
    const prefixed = book({
      sheet: `<x:row xmlns:x="${MAIN}" r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>préfixé</x:t></x:is></x:c></x:row>`,
      target: "/xl/worksheets/feuille.xml",
      path: "xl/worksheets/feuille.xml",
      deflate: true,
    });
    expect(rowsOf(prefixed)).toEqual([{ row: 1, cells: ["préfixé"] }]);
  });

  it("finds the shared strings and the styles where the workbook's relationships put them", () => {
    const parts: Record<string, Uint8Array> = {
      "xl/workbook.xml": strToU8(`<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="A" sheetId="1" r:id="rIdS"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rIdS" Type="${R}/worksheet" Target="./feuilles/une.xml"/>` +
          `<Relationship Id="rIdT" Type="${R}/sharedStrings" Target="/partagees/chaines.xml"/>` +
          `<Relationship Id="rIdU" Type="${R}/styles" Target="../xl/mise-en-forme.xml"/></Relationships>`,
      ),
      "xl/feuilles/une.xml": strToU8(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="s"><v>0</v></c><c s="1"><v>45292</v></c></row></sheetData></worksheet>`),
      "partagees/chaines.xml": strToU8(`<sst xmlns="${MAIN}"><si><t>ailleurs</t></si></sst>`),
      "xl/mise-en-forme.xml": strToU8(`<styleSheet xmlns="${MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`),
    };
    expect(rowsOf(zipSync(parts))).toEqual([{ row: 1, cells: ["ailleurs", new Date("2024-01-01T00:00:00Z")] }]);
  });

  it("stops reading when asked to", () => {
    const sheet = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join("");
    const seen: number[] = [];
    readFirstSheet(book({ sheet }), (_cells, row) => {
      seen.push(row);
      return row < 3;
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it("reads a workbook written by another program (write-excel-file: shared strings, styles, dates) as it was written", async () => {
    const written = await writeXlsxFile([
      [{ value: "RPLS" }, { value: "Date" }, { value: "Taux" }, { value: "Oui" }],
      [{ value: "0310000001" }, { value: new Date("2025-06-30T00:00:00Z"), format: "dd/mm/yyyy" }, { value: 0.071, format: "0.0%" }, { value: true }],
    ]).toBuffer();
    expect(rowsOf(new Uint8Array(written))).toEqual([
      { row: 1, cells: ["RPLS", "Date", "Taux", "Oui"] },
      { row: 2, cells: ["0310000001", new Date("2025-06-30T00:00:00Z"), 0.071, true] },
    ]);
  });

  it("says in French why a workbook cannot be read", () => {
    expect(unreadable(zipSync({ "a.txt": strToU8("bonjour") }))).toMatch(/n'est pas un classeur Excel/);
    expect(unreadable(new Uint8Array([1, 2, 3]))).toMatch(/archive ZIP illisible/);
    expect(unreadable(book({ sheet: "", path: "xl/worksheets/ailleurs.xml" }))).toMatch(/feuille « xl\/worksheets\/sheet1.xml » .* absente/);
    expect(unreadable(book({ sheet: `<row r="1"><c t="s"><v>4</v></c></row>`, sharedStrings: "<si><t>a</t></si>" }))).toMatch(/chaîne partagée inexistante/);
    expect(unreadable(book({ sheet: `<row r="1"><c><v>douze</v></c></row>` }))).toMatch(/nombre illisible/);
    expect(unreadable(book({ sheet: `<row r="1"><c><v>1</v></row>` }))).toMatch(/n'est pas du XML valide/);
    const latin1 = zipSync({
      "xl/workbook.xml": strToU8(`<workbook xmlns:r="${R}"><sheets><sheet r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": new Uint8Array([...strToU8("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>"), 0xe9, ...strToU8("</t></is></c></row></sheetData></worksheet>")]),
    });
    expect(unreadable(latin1)).toMatch(/n'est pas du texte UTF-8/);
  });
});
