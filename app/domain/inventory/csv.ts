// CSV inventories: size and emptiness checks, encoding detection, separator detection, then papaparse streaming
// each record straight into the importer (no array of all records is ever built).
import Papa from "papaparse";

import { decodeInventoryText } from "./decode";
import { type InventoryImportResult, InventoryImporter, refuse } from "./importer";
import { MAX_INVENTORY_BYTES } from "./limits";
import { type InventoryIssue, inventoryMessages } from "./messages";
import type { ProgressListener } from "./progress";

export const CSV_DELIMITERS = [";", ",", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The separator of the first non-blank line: the most frequent of ";", "," and tab outside quotes (";" on ties). */
export function detectDelimiter(text: string): CsvDelimiter {
  const start = text.search(/\S/);
  const end = text.indexOf("\n", Math.max(start, 0));
  const header = text.slice(Math.max(start, 0), end === -1 ? text.length : end).replace(/"[^"]*"/g, "");
  let best: CsvDelimiter = ";";
  let bestCount = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const count = header.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Refusals common to every format: a 0-byte upload and a file over MAX_INVENTORY_BYTES. */
export function checkSize(byteLength: number): InventoryIssue | undefined {
  if (byteLength === 0) return { code: "INVENTAIRE_FICHIER_VIDE", message: inventoryMessages.INVENTAIRE_FICHIER_VIDE() };
  if (byteLength > MAX_INVENTORY_BYTES) {
    return { code: "INVENTAIRE_TROP_VOLUMINEUX", message: inventoryMessages.INVENTAIRE_TROP_VOLUMINEUX(byteLength) };
  }
  return undefined;
}

/** Imports a CSV inventory from its raw bytes: rows and aggregates, or every error in French. */
export function importInventoryCsv(bytes: Uint8Array, onProgress?: ProgressListener): InventoryImportResult {
  const sizeIssue = checkSize(bytes.byteLength);
  if (sizeIssue) return refuse(sizeIssue);
  onProgress?.({ stage: "lecture", rows: 0, total: null });
  const decoded = decodeInventoryText(bytes);
  if (!decoded.ok) return refuse(decoded.issue);
  return importInventoryCsvText(decoded.text, { bytes: bytes.byteLength, encoding: decoded.encoding }, onProgress);
}

/** Data lines of a CSV text (line breaks, less the header), for the progress bar: a count, not a parse. */
function dataLineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  if (!text.endsWith("\n")) lines++;
  return Math.max(0, lines - 1);
}

/** Imports an already decoded CSV text (the bench and the tests use it to time or feed the parser alone). */
export function importInventoryCsvText(
  text: string,
  origin: { bytes: number; encoding: "utf-8" | "windows-1252" },
  onProgress?: ProgressListener,
): InventoryImportResult {
  if (text.trim() === "") {
    return refuse({ code: "INVENTAIRE_SANS_EN_TETE", message: inventoryMessages.INVENTAIRE_SANS_EN_TETE() });
  }
  const delimiter = detectDelimiter(text);
  const total = onProgress ? dataLineCount(text) : null;
  onProgress?.({ stage: "verification", rows: 0, total });
  const importer = new InventoryImporter({ format: "csv", bytes: origin.bytes, encoding: origin.encoding, delimiter }, onProgress && { listener: onProgress, total });
  streamCsvLines(text, delimiter, {
    line: (cells, line) => importer.line(cells, line),
    malformed: (line, detail) =>
      importer.fail({ code: "INVENTAIRE_CSV_MALFORME", message: inventoryMessages.INVENTAIRE_CSV_MALFORME(line, detail), line }),
    stopped: () => importer.stopped,
  });
  return importer.finish();
}

/** What consumes the records of a CSV file, line by line: an importer of one kind of file. */
export interface CsvLineSink {
  line(cells: string[], line: number): void;
  /** A record papaparse could not read as it should (an unclosed quote…), with papaparse's own detail. */
  malformed(line: number, detail: string): void;
  /** True once the sink wants no more lines (a bound was passed): papaparse is stopped. */
  stopped(): boolean;
}

/**
 * Streams the records of a decoded CSV text into a sink, with papaparse's `step` (no array of all records is ever
 * built). Shared by every import of a tabular file (inventories, décompte events).
 */
export function streamCsvLines(text: string, delimiter: CsvDelimiter, sink: CsvLineSink): void {
  let record = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    step: (results, parser) => {
      record++;
      // Records and lines coincide unless a quoted cell spans lines, which exports do not do.
      for (const error of results.errors) sink.malformed(record, error.message);
      sink.line(results.data, record);
      if (sink.stopped()) parser.abort();
    },
  });
}

/** Parses the text with the same parser and separator but no validation: the baseline of the bench. */
export function parseCsvPlain(text: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), header: false, skipEmptyLines: false }).data;
}
