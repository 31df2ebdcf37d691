// Named bounds of the territory module, shared by the schema, the search API and the picker.

/** A commune list longer than the largest département (about 900 communes) is a mistake, not a territory. */
export const MAX_TERRITORY_COMMUNES = 1_000;

/** Characters of a search query; longer text is refused rather than cut. */
export const MAX_SEARCH_QUERY_LENGTH = 100;

/** A query shorter than this (after trimming) returns nothing: one letter would match half of France. */
export const MIN_SEARCH_QUERY_LENGTH = 2;

/** Suggestions returned when the caller does not ask for a number. */
export const DEFAULT_SEARCH_LIMIT = 10;

/** The most suggestions one search returns. */
export const MAX_SEARCH_LIMIT = 50;

/** Commune names spelled out in a territory's label before it switches to "N communes de …". */
export const MAX_NAMED_COMMUNES_IN_LABEL = 3;
