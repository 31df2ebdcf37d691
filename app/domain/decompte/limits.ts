// Every limit of the décompte import, in one place (the upload form, the importer and the messages agree on them).
// The reading bounds that protect the server (unpacked XLSX size, cell length, described errors) are the inventory's:
// the same reader serves both files (docs/decisions/0007-inventory-parse-worker.md).
export { MAX_CELL_LENGTH, MAX_REPORTED_ERRORS, MAX_XLSX_UNPACKED_BYTES } from "../inventory/limits";

/** Largest events file accepted, in bytes: a year of events of the largest bailleur (≈ 50 000) is about 5 Mio. */
export const MAX_DECOMPTE_BYTES = 50 * 1024 * 1024;

/**
 * Most events (data lines) in one file: ten times a year of the largest bailleurs' events, and the same bound as the
 * inventory's dwellings, which the parse worker's memory is sized for.
 */
export const MAX_DECOMPTE_ROWS = 600_000;

/** RPLS numbers looked up in the état des lieux per query (PostgreSQL's parameters stay far below 65 535). */
export const RPLS_LOOKUP_CHUNK = 5_000;
