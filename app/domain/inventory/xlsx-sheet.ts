// Reads the first worksheet of an XLSX workbook row by row, for every import of a workbook (inventories, décompte
// events); docs/decisions/0007-inventory-parse-worker.md says why it is ours.
//
// The worksheet part is inflated in small steps (fflate's streaming inflater), decoded as UTF-8 in a stream and fed to
// a streaming SAX parser (saxen): a row is handed to the caller as soon as its closing tag is read, so the work is
// linear in the size of the sheet and memory holds one row, the shared strings and the styles, never the sheet's XML
// as one string nor its rows all at once. The caller checks the workbook's bounds first (`scanXlsxBounds`): sizes,
// rows and runs of text are known to be sane here.
//
// Cells come out typed the way a spreadsheet shows them: text (shared, inline or a formula's result), numbers, booleans,
// dates (a number whose style has a date format, or a cell of type "d"), and null for an empty cell.
import { Inflate } from "fflate";
import { Parser } from "saxen";

import { centralDirectory, type ZipPart } from "./xlsx-bounds";

export type SheetCell = string | number | boolean | Date | null;

/** The workbook cannot be read; `detail` says why, in French, for the import's message. */
export class XlsxUnreadable extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** Thrown when the caller asks to stop, caught at the top: the rest of the sheet is neither inflated nor parsed. */
class Stop extends Error {}

/**
 * Compressed bytes inflated at a time: a few hundred Ko of XML for a real sheet (deflate could expand them ≈ 1 000
 * times, but the bounds checked before reading keep a hostile part out).
 */
const STEP_BYTES = 64 * 1024;

/**
 * Number formats built into Excel that show a date or a time (ECMA-376 part 1, 18.8.30, and the East Asian ids
 * Excel writes for locale dates). Any other id is a date only if the workbook defines it with a date pattern.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * True when a custom number format shows a date or a time: once quoted text, escaped characters and bracketed parts
 * (colours, conditions, locales) are set aside, a day, month, year, hour or second token is left. `[h]`, `[mm]`, `[ss]`
 * (elapsed time) count as time.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .toLowerCase()
    .replace(/"[^"]*"/g, "")
    .replace(/[\\_*]./g, "")
    .replace(/\[(h+|m+|s+)\]/g, "h")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/general/g, "")
    .replace(/e[+-]/g, "");
  return /[dmyhs]/.test(bare);
}

/** Every part of the archive by name, as its central directory lists them. */
function partsOf(bytes: Uint8Array): Map<string, ZipPart> {
  let parts: ZipPart[];
  try {
    parts = centralDirectory(bytes);
  } catch {
    throw new XlsxUnreadable("archive ZIP illisible");
  }
  return new Map(parts.map((part) => [part.name.replace(/^\/+/, ""), part]));
}

/** Feeds a part's text to `onText`, inflated and decoded step by step. */
function streamPart(bytes: Uint8Array, part: ZipPart, onText: (text: string) => void): void {
  const data = bytes.subarray(part.dataStart, part.dataStart + part.compressedSize);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk: Uint8Array, final: boolean) => {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: !final });
    } catch {
      throw new XlsxUnreadable(`la partie « ${part.name} » n'est pas du texte UTF-8`);
    }
    if (text.length > 0) onText(text);
  };
  if (part.method === 0) {
    for (let start = 0; start < data.length; start += STEP_BYTES) decode(data.subarray(start, start + STEP_BYTES), false);
    decode(new Uint8Array(0), true);
    return;
  }
  if (part.method !== 8) throw new XlsxUnreadable(`la partie « ${part.name} » est compressée d'une manière non prise en charge`);
  const inflater = new Inflate((chunk, final) => decode(chunk, final));
  try {
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    for (let start = 0; start < data.length; start += STEP_BYTES) {
      const end = Math.min(start + STEP_BYTES, data.length);
      inflater.push(data.subarray(start, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof XlsxUnreadable) throw error;
    throw new XlsxUnreadable(`partie « ${part.name} » corrompue`);
  }
}

interface SaxHandlers {
  open?: (name: string, attributes: () => Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** A streaming SAX parser whose element and attribute names lose their namespace prefix (`x:row` is `row`). */
function saxParser(part: string, handlers: SaxHandlers) {
  const parser = new Parser();
  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("error", (error: Error) => {
    throw new XlsxUnreadable(`la partie « ${part} » n'est pas du XML valide (${error.message})`);
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on("openTag", (name, getAttrs, decode) => {
      open(local(name), () => {
        const attributes: Record<string, string> = {};
        for (const [key, value] of Object.entries(getAttrs())) attributes[local(key)] = decode(String(value));
        return attributes;
      });
    });
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on("closeTag", (name) => close(local(name)));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on("text", (raw, decode) => text(decode(raw)));
    parser.on("cdata", (raw) => text(raw));
  }
  return {
    write: (xml: string) => void parser.write(xml),
    end: () => void parser.end(),
  };
}

/** Parses a part of the archive while it is inflated; false when the archive lacks it. */
function parsePart(bytes: Uint8Array, parts: Map<string, ZipPart>, path: string, handlers: SaxHandlers): boolean {
  const part = parts.get(path);
  if (!part) return false;
  const parser = saxParser(path, handlers);
  streamPart(bytes, part, parser.write);
  parser.end();
  return true;
}

/**
 * Where the workbook keeps its first sheet, its shared strings and its styles (its relationships say; Excel's usual
 * names when they do not), and whether its dates count from 1904.
 */
function workbookParts(bytes: Uint8Array, parts: Map<string, ZipPart>): { sheet: string; sharedStrings: string; styles: string; epoch1904: boolean } {
  let relationId: string | undefined;
  let epoch1904 = false;
  const found = parsePart(bytes, parts, "xl/workbook.xml", {
    open(name, attributes) {
      if (name === "workbookPr") {
        const value = attributes().date1904;
        epoch1904 = value === "1" || value === "true";
      } else if (name === "sheet" && relationId === undefined) relationId = attributes().id;
    },
  });
  if (!found) throw new XlsxUnreadable("ce fichier ZIP n'est pas un classeur Excel (xl/workbook.xml absent)");
  if (relationId === undefined) throw new XlsxUnreadable("le classeur ne contient aucune feuille");
  let sheet: string | undefined;
  let sharedStrings = "xl/sharedStrings.xml";
  let styles = "xl/styles.xml";
  // Targets are relative to xl/, or absolute from the package's root.
  const resolve = (target: string) => normalise(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  parsePart(bytes, parts, "xl/_rels/workbook.xml.rels", {
    open(name, attributes) {
      if (name !== "Relationship") return;
      const { Id, Type = "", Target } = attributes();
      if (Target === undefined) return;
      if (Id === relationId) sheet = resolve(Target);
      else if (Type.endsWith("/sharedStrings")) sharedStrings = resolve(Target);
      else if (Type.endsWith("/styles")) styles = resolve(Target);
    },
  });
  if (sheet === undefined) throw new XlsxUnreadable("la première feuille du classeur est introuvable");
  return { sheet, sharedStrings, styles, epoch1904 };
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const piece of path.split("/")) {
    if (piece === "..") out.pop();
    else if (piece !== "." && piece !== "") out.push(piece);
  }
  return out.join("/");
}

/**
 * Text made of runs: a shared string (`<si>`) or an inline string (`<is>`) holds its text in `<t>` elements, directly or
 * in rich-text runs (`<r><t>`); phonetic guides (`<rPh>`) are not part of the text.
 */
class RunText {
  private pieces: string[] = [];
  private inT = false;
  private phonetic = 0;

  open(name: string) {
    if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.phonetic === 0) this.inT = true;
  }
  close(name: string) {
    if (name === "rPh") this.phonetic--;
    else if (name === "t") this.inT = false;
  }
  text(text: string) {
    if (this.inT) this.pieces.push(text);
  }
  take(): string {
    const text = this.pieces.join("");
    this.pieces = [];
    return text;
  }
}

function readSharedStrings(bytes: Uint8Array, parts: Map<string, ZipPart>, path: string): string[] {
  const strings: string[] = [];
  const runs = new RunText();
  parsePart(bytes, parts, path, {
    open: (name) => runs.open(name),
    close(name) {
      if (name === "si") strings.push(runs.take());
      else runs.close(name);
    },
    text: (text) => runs.text(text),
  });
  return strings;
}

/** Per style index (a cell's `s`), whether the style's number format shows a date. */
function dateStyles(bytes: Uint8Array, parts: Map<string, ZipPart>, path: string): boolean[] {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parsePart(bytes, parts, path, {
    open(name, attributes) {
      if (name === "numFmt") {
        const { numFmtId, formatCode } = attributes();
        custom.set(Number(numFmtId), formatCode ?? "");
      } else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(attributes().numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => (custom.has(id) ? isDateFormatCode(custom.get(id)!) : BUILT_IN_DATE_FORMATS.has(id)));
}

const DAY_MS = 86_400_000;

/**
 * The date of a serial number: days since 1899-12-30 (so that 61 is 1900-03-01: Excel counts a 29 February 1900 that
 * never was, and serials below 60 are one day later than that count), or since 1904-01-01 in a 1904 workbook.
 */
export function excelDate(serial: number, epoch1904: boolean): Date {
  const origin = epoch1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(origin + Math.round(serial * DAY_MS));
}

/** Zero-based column of a cell reference ("C12" → 2), or -1 when the reference has no letters. */
function columnOf(reference: string): number {
  let column = 0;
  let index = 0;
  for (; index < reference.length; index++) {
    const code = reference.charCodeAt(index);
    const letter = code >= 97 ? code - 32 : code;
    if (letter < 65 || letter > 90) break;
    column = column * 26 + (letter - 64);
  }
  return index === 0 ? -1 : column - 1;
}

/** Excel's widest sheet has 16 384 columns (XFD). */
const MAX_COLUMNS = 16_384;

/**
 * Reads the first worksheet and calls `onRow` with each row's cells (index = column) and its row number (1-based, as
 * the spreadsheet shows it), in order. Rows the sheet does not store (empty ones) are not reported. `onRow` returns
 * false to stop reading. Throws XlsxUnreadable when the workbook cannot be read.
 */
export function readFirstSheet(bytes: Uint8Array, onRow: (cells: SheetCell[], row: number) => boolean | void): void {
  const parts = partsOf(bytes);
  const { sheet: path, sharedStrings, styles, epoch1904 } = workbookParts(bytes, parts);
  if (!parts.has(path)) throw new XlsxUnreadable(`la feuille « ${path} » annoncée par le classeur est absente de l'archive`);
  const strings = readSharedStrings(bytes, parts, sharedStrings);
  const dates = dateStyles(bytes, parts, styles);

  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let column = -1;
  let type = "n";
  let style = 0;
  let reference = "";
  let value: string[] | null = null;
  let inline: RunText | null = null;
  let inSheetData = false;

  const cellValue = (): SheetCell => {
    if (inline) return inline.take();
    if (value === null) return null;
    const raw = value.join("");
    switch (type) {
      case "s": {
        const index = Number(raw);
        if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
          throw new XlsxUnreadable(`la cellule ${reference} renvoie à une chaîne partagée inexistante (${raw})`);
        }
        return strings[index];
      }
      case "str":
      case "e":
        return raw;
      case "b":
        return raw === "1" || raw.toLowerCase() === "true";
      case "d": {
        const date = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default: {
        if (raw.trim() === "") return null;
        const number = Number(raw);
        if (!Number.isFinite(number)) throw new XlsxUnreadable(`la cellule ${reference} contient un nombre illisible (${raw.slice(0, 40)})`);
        return dates[style] ? excelDate(number, epoch1904) : number;
      }
    }
  };

  const handlers: SaxHandlers = {
    // saxen reports a self-closing element (<c r="B2"/>, <row r="3"/>) as opened then closed.
    open(name, attributes) {
      if (name === "sheetData") {
        inSheetData = true;
        return;
      }
      if (!inSheetData) return;
      if (name === "row") {
        const r = Number(attributes().r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        cells = [];
        column = -1;
      } else if (name === "c") {
        const { r, t, s } = attributes();
        const at = r === undefined ? -1 : columnOf(r);
        column = at > column ? at : column + 1;
        if (column >= MAX_COLUMNS) throw new XlsxUnreadable(`la ligne ${rowNumber} a plus de ${MAX_COLUMNS} colonnes`);
        reference = r ?? `ligne ${rowNumber}, colonne ${column + 1}`;
        type = t ?? "n";
        style = s === undefined ? 0 : Number(s);
        value = null;
        inline = null;
      } else if (name === "v") {
        value = [];
      } else if (name === "is") {
        inline = new RunText();
      } else if (inline) {
        inline.open(name);
      }
    },
    close(name) {
      if (!inSheetData) return;
      if (name === "sheetData") inSheetData = false;
      else if (name === "c") cells[column] = cellValue();
      else if (name === "row") {
        for (let index = 0; index < cells.length; index++) if (cells[index] === undefined) cells[index] = null;
        if (onRow(cells, rowNumber) === false) throw new Stop();
      } else if (inline) inline.close(name);
    },
    text(text) {
      if (inline) inline.text(text);
      else if (value !== null) value.push(text);
    },
  };
  try {
    parsePart(bytes, parts, path, handlers);
  } catch (error) {
    if (error instanceof Stop) return;
    if (error instanceof XlsxUnreadable) throw error;
    throw new XlsxUnreadable(error instanceof Error ? error.message : String(error));
  }
}
