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
