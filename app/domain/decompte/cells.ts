// Parsers of single cells of an events file: each takes the trimmed text of a non-empty cell and returns the value,
// or undefined when the text does not match (the caller reports the column's expected format). The dwelling's facts
// use the inventory's own parsers, so that a file says « T6+ » or « PLAI » the same way in both.
import { normalizeText } from "../inventory/cells";
import { DECOMPTE_EVENTS, REFUSAL_REASONS, type DecompteEvent, type RefusalReason } from "./events";

export { parseCommune, parseDate, parseFinancement, parseQpv, parseReservataire, parseRpls, parseTypologie } from "../inventory/cells";

function synonymTable<K extends string>(entries: Record<K, { label: string; synonyms: readonly string[] }>): ReadonlyMap<string, K> {
  const table = new Map<string, K>();
  for (const [code, entry] of Object.entries(entries) as [K, { label: string; synonyms: readonly string[] }][]) {
    for (const spelling of [code, entry.label, ...entry.synonyms]) table.set(normalizeText(spelling), code);
  }
  return table;
}

const EVENTS = synonymTable(DECOMPTE_EVENTS);
const REASONS = synonymTable(REFUSAL_REASONS);

/** An event by its code (« bail_signe ») or its French name (« Bail signé »). */
export function parseEvent(text: string): DecompteEvent | undefined {
  return EVENTS.get(normalizeText(text));
}

/** A refusal reason by its code or its French name. */
export function parseReason(text: string): RefusalReason | undefined {
  return REASONS.get(normalizeText(text));
}

const YES = new Set(["oui", "o", "1", "vrai", "true", "yes", "x"]);
const NO = new Set(["non", "n", "0", "faux", "false", "no"]);

/** oui / non, as spreadsheets write them. */
export function parseYesNo(text: string): boolean | undefined {
  const key = normalizeText(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return undefined;
}
