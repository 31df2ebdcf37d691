// How names are compared in searches: accents, case, hyphens, apostrophes and the "St"/"Ste" abbreviations do not
// count, so "st orens", "Saint-Orens" and "SAINT ORENS" all find Saint-Orens-de-Gameville.

// Ligatures have no decomposition in Unicode: "Cœuvres" must still match "coeuvres".
const LIGATURES: Record<string, string> = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae" };

// Written both ways in the official data itself (EPCI names use "St-Gildas", commune names "Saint-Gildas").
const ABBREVIATIONS: Record<string, string> = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

/** A name as compared in searches: "Saint-Orens-de-Gameville" → "saint orens de gameville", "L'Union" → "l union". */
export function normalizeName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[œŒæÆ]/g, (ligature) => LIGATURES[ligature])
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(" ");
}

/** The normalized name without its spaces: "lunion" finds "L'Union" whoever drops the apostrophe. */
export function compactName(normalized: string): string {
  return normalized.replace(/ /g, "");
}
