// Every limit of the inventory import, in one place so that the upload form, the importer and the messages agree.

/** Largest inventory file accepted, in bytes (50 Mio: ≈ 500 000 dwellings in CSV). */
export const MAX_INVENTORY_BYTES = 50 * 1024 * 1024;

/** Errors described one by one; beyond, they are only counted, so that a file wrong on every line stays readable. */
export const MAX_REPORTED_ERRORS = 1_000;

/** Length of an RPLS dwelling number. */
export const RPLS_LENGTH = 10;

/** Longest réservataire identifier or EPCI name accepted in a cell. */
export const MAX_LABEL_LENGTH = 120;

/** Distinct values remembered per column to skip re-parsing repeated cells (communes, typologies, dates…). */
export const CELL_CACHE_SIZE = 20_000;

/** Years accepted in convention dates. */
export const MIN_DATE_YEAR = 1900;
export const MAX_DATE_YEAR = 2200;

/**
 * Most dwellings (data lines) in one inventory: above the largest bailleurs' patrimoine (≈ 500 000), and the bound
 * that keeps an import's rows within the parse worker's memory (docs/decisions/0007-inventory-parse-worker.md).
 */
export const MAX_INVENTORY_ROWS = 600_000;

/**
 * Most bytes the parts of an XLSX archive may unpack to, all parts together, checked while inflating so that a ZIP
 * bomb is never inflated in full. 200 Mio holds ≈ 250 000 dwellings in inline-string cells, ≈ 350 000 as Excel
 * writes them (shared strings); larger inventories go through CSV (50 Mio ≈ 500 000 dwellings).
 */
export const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** Longest cell accepted, in characters: the longest legitimate value (an EPCI name, a header) is far below. */
export const MAX_CELL_LENGTH = 1_000;

/**
 * Heap of the parse worker, in Mio: a file needing more ends the worker with a refusal instead of growing the
 * server. The largest workbook the bounds above let through (200 Mio of XML) needs about half of it.
 */
export const PARSE_WORKER_HEAP_MB = 2_048;

/** Longest parse accepted before the worker is stopped and replaced. */
export const PARSE_TIMEOUT_MS = 120_000;

/** Uploads waiting for the parse worker beyond the one it is parsing; more are refused (retry later). */
export const MAX_QUEUED_PARSES = 4;
