// Suggestions for a typed name or code, across départements, EPCIs and communes: exact codes first, then exact
// names, names that start with the query, names whose words start with the query's words, and names that contain
// it; within a rank, the most populous first (among eleven Saint-Sauveur, the one people mean is usually the largest).
import { z } from "zod";

import { isDepartementCode, isInseeCode } from "./codes";
import type { FormerCommune, Geography, SearchEntry, SuggestionKind } from "./geography";
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, MAX_SEARCH_QUERY_LENGTH, MIN_SEARCH_QUERY_LENGTH } from "./limits";
import { type TerritoryErrorCode, type TerritoryIssue, territoryMessages } from "./messages";
import { communeCount, communeLabel, departementLabel, epciLabel } from "./names";
import { compactName, normalizeName } from "./normalize";

export type { SuggestionKind } from "./geography";

/** One suggestion, as the search API returns it: `detail` tells homonyms apart ("EPCI · 37 communes · Haute-Garonne"). */
export interface TerritorySuggestion {
  kind: SuggestionKind;
  code: string;
  label: string;
  detail: string;
}

export interface SearchOptions {
  /** Only what lies (at least partly) in this département. */
  departement?: string;
  /** At most this many suggestions (1 to MAX_SEARCH_LIMIT; DEFAULT_SEARCH_LIMIT when absent). */
  limit?: number;
  kinds?: readonly SuggestionKind[];
}

// Lower is better. Codes are unambiguous, so they come before any name.
const RANK = { code: 0, codePrefix: 1, exactName: 2, namePrefix: 3, wordPrefixes: 4, contains: 5 } as const;
const KIND_ORDER: Record<SuggestionKind, number> = { departement: 0, epci: 1, commune: 2 };

interface Hit {
  kind: SuggestionKind;
  code: string;
  rank: number;
  population: number;
  /** How a commune was reached when not by its own code or name. */
  via?: { former: FormerCommune } | { formerName: string };
}

function codeHits(text: string, geography: Geography, accept: (entry: SearchEntry) => boolean): Hit[] {
  const raw = text.replace(/\s/g, "").toUpperCase();
  const code = /^\d$/.test(raw) ? `0${raw}` : raw;
  const hits: Hit[] = [];
  const add = (entry: SearchEntry | undefined, rank: number, via?: Hit["via"]) => {
    if (entry && accept(entry)) hits.push({ kind: entry.kind, code: entry.code, rank, population: entry.population, via });
  };
  const entryOf = indexOf(geography);
  if (isDepartementCode(code)) add(entryOf.get(`departement:${code}`), RANK.code);
  if (/^\d{9}$/.test(code)) {
    add(entryOf.get(`epci:${code}`), RANK.code);
    const commune = geography.communesBySiren.get(code);
    if (commune) add(entryOf.get(`commune:${commune}`), RANK.code);
  }
  if (isInseeCode(code)) {
    add(entryOf.get(`commune:${code}`), RANK.code);
    const former = geography.formerCommunes.get(code);
    if (former) add(entryOf.get(`commune:${former.current}`), RANK.code, { former });
  }
  if (/^(\d{3,8}|2[AB]\d{0,2})$/.test(code)) {
    for (const entry of geography.searchEntries) {
      if (entry.formerName === null && entry.kind !== "departement" && entry.code.startsWith(code)) add(entry, RANK.codePrefix);
    }
  }
  return hits;
}

function nameHits(text: string, geography: Geography, accept: (entry: SearchEntry) => boolean): Hit[] {
  const query = normalizeName(text);
  if (!/[a-z]/.test(query) || query.length < MIN_SEARCH_QUERY_LENGTH) return [];
  const compact = compactName(query);
  const tokens = query.split(" ");
  const wordStarts = tokens.map((token) => ` ${token}`);
  const hits: Hit[] = [];
  for (const entry of geography.searchEntries) {
    let rank: number;
    if (entry.normalized === query || entry.compact === compact) rank = RANK.exactName;
    else if (entry.normalized.startsWith(query) || entry.compact.startsWith(compact)) rank = RANK.namePrefix;
    else if (tokens.every((token, i) => entry.normalized.startsWith(token) || entry.normalized.includes(wordStarts[i]))) rank = RANK.wordPrefixes;
    else if (compact.length >= 3 && entry.compact.includes(compact)) rank = RANK.contains;
    else continue;
    if (!accept(entry)) continue;
    const via = entry.formerName === null ? undefined : { formerName: entry.formerName };
    hits.push({ kind: entry.kind, code: entry.code, rank, population: entry.population, via });
  }
  return hits;
}

// Entries by "kind:code", built once per geography (former names are not looked up by code).
const indexes = new WeakMap<Geography, Map<string, SearchEntry>>();
function indexOf(geography: Geography): Map<string, SearchEntry> {
  let index = indexes.get(geography);
  if (!index) {
    index = new Map(geography.searchEntries.filter((e) => e.formerName === null).map((e) => [`${e.kind}:${e.code}`, e]));
    indexes.set(geography, index);
  }
  return index;
}

function compareHits(a: Hit, b: Hit): number {
  return (
    a.rank - b.rank ||
    Number(a.via !== undefined) - Number(b.via !== undefined) ||
    b.population - a.population ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

function suggestion(hit: Hit, geography: Geography): TerritorySuggestion {
  if (hit.kind === "departement") {
    const departement = geography.departements.get(hit.code)!;
    return { kind: hit.kind, code: hit.code, label: `${departement.nom} (${hit.code})`, detail: `Département · ${communeCount(departement.communes.length)}` };
  }
  if (hit.kind === "epci") {
    const epci = geography.epcis.get(hit.code)!;
    const departements = epci.departements.map((code) => departementLabel(code, geography)).join(", ");
    return { kind: hit.kind, code: hit.code, label: epciLabel(hit.code, geography), detail: `EPCI · ${communeCount(epci.communes.length)} · ${departements}` };
  }
  const commune = geography.communes.get(hit.code)!;
  const parts = ["Commune", departementLabel(commune.departement, geography)];
  if (commune.epci) parts.push(epciLabel(commune.epci, geography));
  if (hit.via && "former" in hit.via) {
    const { former } = hit.via;
    const name = former.nom ? ` (${former.nom})` : "";
    parts.push(former.reason === "arrondissement" ? `arrondissement ${former.code}${name}` : `ancien code ${former.code}${name}`);
  } else if (hit.via) {
    parts.push(`ancienne commune ${hit.via.formerName}`);
  }
  return { kind: hit.kind, code: hit.code, label: communeLabel(hit.code, geography), detail: parts.join(" · ") };
}

/**
 * Ranked suggestions for a name or a code (INSEE, SIREN, département), accent-, case-, hyphen- and "St"-insensitive,
 * at most `limit`; a commune reached through a former code or name is suggested under its current code.
 */
export function searchTerritories(query: string, geography: Geography, options: SearchOptions = {}): TerritorySuggestion[] {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_SEARCH_LIMIT), 1), MAX_SEARCH_LIMIT);
  const text = query.trim().slice(0, MAX_SEARCH_QUERY_LENGTH);
  const { departement, kinds } = options;
  const accept = (entry: SearchEntry) =>
    (kinds === undefined || kinds.includes(entry.kind)) && (departement === undefined || entry.departements.includes(departement));
  const best = new Map<string, Hit>();
  for (const hit of [...codeHits(text, geography, accept), ...nameHits(text, geography, accept)]) {
    const key = `${hit.kind}:${hit.code}`;
    const known = best.get(key);
    if (!known || compareHits(hit, known) < 0) best.set(key, hit);
  }
  return [...best.values()].sort(compareHits).slice(0, limit).map((hit) => suggestion(hit, geography));
}

// ---- The search API's query string. ----

const searchText = z.string({ error: territoryMessages.RECHERCHE_TERRITOIRE_TEXTE_INVALIDE() }).trim()
  .min(1, territoryMessages.RECHERCHE_TERRITOIRE_TEXTE_INVALIDE())
  .max(MAX_SEARCH_QUERY_LENGTH, territoryMessages.RECHERCHE_TERRITOIRE_TEXTE_INVALIDE());

/** `GET /api/territoires?q=…&departement=…&limit=…` as a plain object of strings; an empty parameter means absent. */
export const TerritorySearchSchema = z.object({
  q: searchText,
  departement: z.string().trim().toUpperCase().optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || isDepartementCode(value), {
      error: (issue) => territoryMessages.RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE(String(issue.input)),
    }),
  limit: z.string().trim().optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_SEARCH_LIMIT), {
      error: (issue) => territoryMessages.RECHERCHE_TERRITOIRE_LIMITE_INVALIDE(String(issue.input)),
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
});
export type TerritorySearch = z.output<typeof TerritorySearchSchema>;

const SEARCH_FIELD_CODES: Record<string, TerritoryErrorCode> = {
  q: "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE",
  departement: "RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE",
  limit: "RECHERCHE_TERRITOIRE_LIMITE_INVALIDE",
};

/** The first problem of a refused search query, with its stable code. */
export function searchIssue(error: z.ZodError): TerritoryIssue {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? "q");
  return { code: SEARCH_FIELD_CODES[field] ?? "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE", message: issue?.message ?? territoryMessages.RECHERCHE_TERRITOIRE_TEXTE_INVALIDE(), field: field === "limit" ? "limit" : field === "departement" ? "departement" : "q" };
}
