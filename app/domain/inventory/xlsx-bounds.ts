// The bounds of an XLSX inventory, checked before the workbook parser sees it. An XLSX file is a ZIP archive: 300 Ko
// can unpack to 300 Mo of XML, which the parser would inflate in full and then hold as a document tree. Here every
// part is inflated in small steps with fflate's streaming inflater, counting bytes as they come out, and inflation
// stops at the first step past MAX_XLSX_UNPACKED_BYTES: a bomb costs at most the bound, never its full size. The
// parts are found the way fflate's `unzip` (the one the parser uses) finds them, through the central directory, so
// that the parts checked are exactly the parts the parser will inflate; sizes the archive declares count too,
// because the parser allocates them up front. Rows are counted from the worksheets' <row> tags on the way, so a
// workbook with too many lines is refused before it is parsed, and so is a part with one very long run of text.
import { Inflate } from "fflate";

import { MAX_INVENTORY_ROWS, MAX_XLSX_UNPACKED_BYTES } from "./limits";
import { type InventoryIssue, inventoryMessages } from "./messages";

/**
 * Longest stretch of an XML part without a "<": Excel's longest cell (32 767 characters) fits. The parser takes
 * minutes over one long run of text (190 Mo of spaces between two tags: over 120 s), where the same size of real
 * cells takes seconds.
 */
const MAX_TEXT_RUN_BYTES = 128 * 1024;

/** Compressed bytes handed to the inflater at a time: a deflate stream expands at most ≈ 1 032 times. */
const STEP_BYTES = 4 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;

/** A part (file) of a ZIP archive, as its central directory describes it. */
export interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  dataStart: number;
}

class Unreadable extends Error {}

/** The parts of a ZIP archive, from its central directory; throws on an archive that has none. */
export function centralDirectory(bytes: Uint8Array): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // Same search as fflate: the end-of-central-directory record within the last 65 558 bytes.
  let end = bytes.length - 22;
  for (; end >= 0 && u32(end) !== EOCD; end--) {
    if (end === 0 || bytes.length - end > 65_558) throw new Unreadable("fin d'archive introuvable");
  }
  if (end < 0) throw new Unreadable("fin d'archive introuvable");
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) throw new Unreadable("archive ZIP64 non prise en charge");
  const count = u16(end + 8);
  let offset = u32(end + 16);
  const decoder = new TextDecoder();
  const parts: ZipPart[] = [];
  for (let index = 0; index < count; index++) {
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    const local = u32(offset + 42);
    parts.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: u16(offset + 10),
      compressedSize: u32(offset + 20),
      declaredSize: u32(offset + 24),
      dataStart: local + 30 + u16(local + 26) + u16(local + 28),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

// Counts <row> start tags (with or without a namespace prefix) across chunk boundaries, and measures the longest
// stretch between two "<": in a workbook that is one tag or one cell's text, never megabytes.
class XmlScanner {
  rows = 0;
  longestRun = 0;
  private run = 0;
  private name: number[] | null = null;

  feed(chunk: Uint8Array): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.name === null) {
        const open = chunk.indexOf(0x3c, index);
        const end = open === -1 ? chunk.length : open;
        this.run += end - index;
        if (this.run > this.longestRun) this.longestRun = this.run;
        if (open === -1) return;
        this.run = 0;
        this.name = [];
        index = open + 1;
        continue;
      }
      const byte = chunk[index++];
      this.run++;
      if (byte === 0x20 || byte === 0x3e || byte === 0x2f || byte === 0x09 || byte === 0x0a || byte === 0x0d) {
        if (isRowTag(this.name)) this.rows++;
        this.name = null;
      } else if (this.name.length < 32) this.name.push(byte);
      else this.name = null;
    }
  }
}

function isRowTag(name: number[]): boolean {
  const n = name.length;
  if (n < 3 || name[n - 3] !== 0x72 || name[n - 2] !== 0x6f || name[n - 1] !== 0x77) return false;
  return n === 3 || name[n - 4] === 0x3a;
}

/** Which bound a workbook passes, independently of the kind of file (each import words its own refusal). */
export type XlsxBreach =
  | { kind: "unreadable"; detail: string }
  | { kind: "unpacked"; part: string }
  | { kind: "rows" };

/** The first bound an XLSX inventory passes (unpacked size, rows), or undefined when it stays within all of them. */
export function checkXlsxBounds(bytes: Uint8Array): InventoryIssue | undefined {
  const breach = scanXlsxBounds(bytes, MAX_INVENTORY_ROWS);
  return breach && inventoryBreachIssue(breach);
}

/** An inventory's refusal for a workbook past one of its bounds. */
export function inventoryBreachIssue(breach: XlsxBreach): InventoryIssue {
  if (breach.kind === "unreadable") return { code: "INVENTAIRE_XLSX_ILLISIBLE", message: inventoryMessages.INVENTAIRE_XLSX_ILLISIBLE(breach.detail) };
  if (breach.kind === "unpacked") {
    return { code: "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX", message: inventoryMessages.INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX(breach.part) };
  }
  return { code: "INVENTAIRE_TROP_DE_LIGNES", message: inventoryMessages.INVENTAIRE_TROP_DE_LIGNES(MAX_INVENTORY_ROWS + 2) };
}

/**
 * The first bound a workbook passes — unpacked size (MAX_XLSX_UNPACKED_BYTES), data rows (`maxRows`, the header
 * apart), one run of text — or undefined. Shared by every import of a workbook (inventories, décompte events).
 * `onRows` is told, when the workbook passes, the most <row> elements one worksheet holds (header included).
 */
export function scanXlsxBounds(bytes: Uint8Array, maxRows: number, onRows?: (rows: number) => void): XlsxBreach | undefined {
  let parts: ZipPart[];
  try {
    parts = centralDirectory(bytes);
  } catch (error) {
    // Reading past the end of a truncated archive throws a RangeError: the archive is unreadable either way.
    return { kind: "unreadable", detail: error instanceof Unreadable ? error.message : "archive tronquée" };
  }
  const tooLarge = (part: string): XlsxBreach => ({ kind: "unpacked", part });
  let declared = 0;
  for (const part of parts) {
    declared += part.declaredSize;
    if (declared > MAX_XLSX_UNPACKED_BYTES) return tooLarge(part.name);
  }
  let unpacked = 0;
  let rows = 0;
  const runTooLong = (part: string): XlsxBreach => ({
    kind: "unreadable",
    detail: `la partie « ${part} » contient plus de ${MAX_TEXT_RUN_BYTES / 1024} Ko de texte d'un seul tenant`,
  });
  for (const part of parts) {
    const data = bytes.subarray(part.dataStart, part.dataStart + part.compressedSize);
    const scanner = new XmlScanner();
    const worksheet = isWorksheet(part.name);
    if (part.method === 0) {
      unpacked += data.length;
      if (unpacked > MAX_XLSX_UNPACKED_BYTES) return tooLarge(part.name);
      scanner.feed(data);
    } else if (part.method === 8) {
      let over = false;
      const inflater = new Inflate((chunk) => {
        unpacked += chunk.length;
        if (unpacked > MAX_XLSX_UNPACKED_BYTES) over = true;
        else scanner.feed(chunk);
      });
      try {
        for (let start = 0; start < data.length && !over; start += STEP_BYTES) {
          const end = Math.min(start + STEP_BYTES, data.length);
          inflater.push(data.subarray(start, end), end === data.length);
          if (scanner.longestRun > MAX_TEXT_RUN_BYTES || (worksheet && scanner.rows > maxRows + 1)) break;
        }
      } catch {
        return { kind: "unreadable", detail: `partie « ${part.name} » corrompue` };
      }
      if (over) return tooLarge(part.name);
    } else {
      // Other methods are refused by the parser itself, with its own message.
      continue;
    }
    if (scanner.longestRun > MAX_TEXT_RUN_BYTES) return runTooLong(part.name);
    if (worksheet) rows = Math.max(rows, scanner.rows);
    // The header takes one row: the limit is on data rows.
    if (rows > maxRows + 1) return { kind: "rows" };
  }
  onRows?.(rows);
  return undefined;
}

function isWorksheet(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
}
