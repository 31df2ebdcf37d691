// How names are compared in searches: accents, case, hyphens, apostrophes and the "St"/"Ste" abbreviations do not
// count, so "st orens", "Saint-Orens" and "SAINT ORENS" all find Saint-Orens-de-Gameville.

// Ligatures have no decomposition in Unicode: "Cœuvres" must still match "coeuvres".
const LIGATURES: Record<string, string> = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae" };

// Written both ways in the official data itself (EPCI names use "St-Gildas", commune names "Saint-Gildas").
const ABBREVIATIONS: Record<string, string> = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

// What each character becomes: lower-case ASCII letters and digits, or "" for a separator. Filled once per distinct
// character: names are normalized by the tens of thousands when the geography loads, and NFD on every name was the
// largest part of that load (docs/decisions/0501-official-geography.md). Bounded, since queries may carry any
// character.
const folded = new Map<string, string>();
const MAX_FOLDED = 4_096;

function fold(char: string): string {
  let out = folded.get(char);
  if (out === undefined) {
    const base = LIGATURES[char] ?? char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out = /^[a-z0-9]+$/.test(base) ? base : "";
    if (folded.size < MAX_FOLDED) folded.set(char, out);
  }
  return out;
}

/** A name as compared in searches: "Saint-Orens-de-Gameville" → "saint orens de gameville", "L'Union" → "l union". */
export function normalizeName(text: string): string {
  const words: string[] = [];
  let word = "";
  for (const char of text) {
    const out = fold(char);
    if (out !== "") word += out;
    else if (word !== "") {
      words.push(ABBREVIATIONS[word] ?? word);
      word = "";
    }
  }
  if (word !== "") words.push(ABBREVIATIONS[word] ?? word);
  return words.join(" ");
}

/** The normalized name without its spaces: "lunion" finds "L'Union" whoever drops the apostrophe. */
export function compactName(normalized: string): string {
  return normalized.includes(" ") ? normalized.replace(/ /g, "") : normalized;
}
