// The formats of the official codes: département (01–95, 2A, 2B, 971–976), commune INSEE code (5 characters,
// département first) and SIREN (9 digits). One definition, used by the schema, the geography builder and the search.

/** Départements in the portal's scope: metropolitan France with Corsica split in 2A/2B, and the overseas 971–976. */
export const DEPARTEMENT_CODE_PATTERN = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/;
/** Commune INSEE code: 5 digits, or 2A/2B followed by 3 digits in Corsica. */
export const INSEE_CODE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;
/** SIREN of an EPCI (or of a commune): 9 digits. */
export const SIREN_PATTERN = /^\d{9}$/;

export function isDepartementCode(code: string): boolean {
  return DEPARTEMENT_CODE_PATTERN.test(code);
}

export function isInseeCode(code: string): boolean {
  return INSEE_CODE_PATTERN.test(code);
}

export function isSiren(code: string): boolean {
  return SIREN_PATTERN.test(code);
}

/** The département part of an INSEE code: "31069" → "31", "97105" → "971", "2A004" → "2A". */
export function departementOfInseeCode(code: string): string {
  return code.startsWith("97") ? code.slice(0, 3) : code.slice(0, 2);
}
