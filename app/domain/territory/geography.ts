// The official geography as compact indexes: départements, EPCIs à fiscalité propre and communes, with the codes that
// disappeared (merged communes, arrondissements municipaux) pointing at today's commune. Built once from data shaped
// like @etalab/decoupage-administratif's JSON files (the server's loader, app/lib/geography.server.ts) or from a few
// hand-written entries (unit tests). See docs/decisions/0501-official-geography.md.
import { isDepartementCode } from "./codes";
import { compactName, normalizeName } from "./normalize";

/**
 * INSEE's "type de nom en clair" (TNCC): which article the name takes. 0 none (consonant), 1 none (vowel: "d'"),
 * 2 le, 3 la, 4 les, 5 l', 6 aux, 7 las, 8 los.
 */
export type Tncc = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Legal nature of an EPCI à fiscalité propre. */
export type EpciNature = "CC" | "CA" | "CU" | "METRO" | "MET69";

export interface GeoDepartement {
  code: string;
  /** Without its article: "Haute-Garonne" (the article comes from `tncc`). */
  nom: string;
  tncc: Tncc;
  /** INSEE codes of its communes, sorted. */
  communes: readonly string[];
}

export interface GeoEpci {
  siren: string;
  nom: string;
  nature: EpciNature;
  /** INSEE codes of its member communes, sorted. */
  communes: readonly string[];
  /** Départements of its members, sorted: some EPCIs straddle two départements. */
  departements: readonly string[];
  population: number;
}

export interface GeoCommune {
  code: string;
  /** With its article, as INSEE writes it: "Le Havre", "L'Union". */
  nom: string;
  tncc: Tncc;
  departement: string;
  /** SIREN of its EPCI; null for the few island communes that belong to none. */
  epci: string | null;
  siren: string | null;
  population: number;
}

/** A code that no longer designates a commune of its own, and the current commune it belongs to. */
export interface FormerCommune {
  code: string;
  /** The former commune's name when the data keeps it (communes déléguées and associées, arrondissements). */
  nom: string | null;
  /** INSEE code of today's commune. */
  current: string;
  /** `fusion`: merged into `current` (commune nouvelle, déléguée, associée); `arrondissement`: Paris, Lyon, Marseille. */
  reason: "fusion" | "arrondissement";
}

export type SuggestionKind = "departement" | "epci" | "commune";

/** One searchable name, prepared once so that a search is a scan of plain string comparisons. */
export interface SearchEntry {
  kind: SuggestionKind;
  code: string;
  /** The name as `normalizeName` gives it: words separated by single spaces. */
  normalized: string;
  compact: string;
  population: number;
  departements: readonly string[];
  /** Set when the name is that of a former commune (déléguée or associée) now part of commune `code`. */
  formerName: string | null;
}

export interface Geography {
  /** Year of the Code officiel géographique the data follows (1 January). */
  millesime: number;
  departements: ReadonlyMap<string, GeoDepartement>;
  epcis: ReadonlyMap<string, GeoEpci>;
  communes: ReadonlyMap<string, GeoCommune>;
  formerCommunes: ReadonlyMap<string, FormerCommune>;
  communesBySiren: ReadonlyMap<string, string>;
  /** Départements, EPCIs, communes (each sorted by code), then the former names of merged communes. */
  searchEntries: readonly SearchEntry[];
}

// ---- The source shape: the fields of @etalab/decoupage-administratif that the builder reads. ----

export interface SourceDepartement {
  code: string;
  nom: string;
  typeLiaison: number;
}

export interface SourceEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: readonly { code: string }[];
}

export interface SourceCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  typeLiaison?: number;
  /** Current commune of a commune déléguée or associée. */
  chefLieu?: string;
  /** Commune of an arrondissement municipal. */
  commune?: string;
  anciensCodes?: readonly string[];
  siren?: string;
  population?: number;
}

export interface GeographySource {
  millesime: number;
  departements: readonly SourceDepartement[];
  epcis: readonly SourceEpci[];
  communes: readonly SourceCommune[];
}

/** The data contradicts itself (an EPCI member that is no commune…): a wrong file, not a user's mistake. */
export class GeographyDataError extends Error {
  override name = "GeographyDataError";
}

const EPCI_NATURES: readonly EpciNature[] = ["CC", "CA", "CU", "METRO", "MET69"];

function tncc(value: number | undefined): Tncc {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 8 ? (value as Tncc) : 0;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function searchEntry(kind: SuggestionKind, code: string, name: string, population: number, departements: readonly string[], formerName: string | null = null): SearchEntry {
  const normalized = normalizeName(name);
  return { kind, code, normalized, compact: compactName(normalized), population, departements, formerName };
}

/**
 * Builds the indexes from the source data. Départements outside the portal's scope (the collectivités d'outre-mer)
 * and their communes are left out, so that their codes read as unknown.
 */
export function buildGeography(source: GeographySource): Geography {
  const departementSources = source.departements.filter((d) => isDepartementCode(d.code));
  const inScope = new Set(departementSources.map((d) => d.code));

  const communeSources = new Map<string, SourceCommune>();
  for (const c of source.communes) {
    if (c.type === "commune-actuelle" && inScope.has(c.departement)) communeSources.set(c.code, c);
  }

  const epciOf = new Map<string, string>();
  const epcis = new Map<string, GeoEpci>();
  for (const e of source.epcis) {
    const communes = e.membres.map((m) => m.code).sort(byCode);
    const members = communes.map((code) => communeSources.get(code));
    if (members.some((m) => m === undefined)) {
      if (members.every((m) => m === undefined)) continue; // an EPCI entirely outside the scope
      const missing = communes.filter((_, i) => members[i] === undefined);
      throw new GeographyDataError(`EPCI ${e.code} : membres inconnus ${missing.join(", ")}`);
    }
    for (const code of communes) {
      const previous = epciOf.get(code);
      if (previous) throw new GeographyDataError(`Commune ${code} membre de deux EPCI (${previous}, ${e.code})`);
      epciOf.set(code, e.code);
    }
    const nature = EPCI_NATURES.includes(e.type as EpciNature) ? (e.type as EpciNature) : "CC";
    const population = e.populationTotale ?? members.reduce((sum, m) => sum + (m?.population ?? 0), 0);
    const departements = [...new Set(members.map((m) => m!.departement))].sort(byCode);
    epcis.set(e.code, { siren: e.code, nom: e.nom, nature, communes, departements, population });
  }

  const communes = new Map<string, GeoCommune>();
  const communesBySiren = new Map<string, string>();
  const communesOfDepartement = new Map<string, string[]>();
  for (const c of [...communeSources.values()].sort((a, b) => byCode(a.code, b.code))) {
    communes.set(c.code, {
      code: c.code,
      nom: c.nom,
      tncc: tncc(c.typeLiaison),
      departement: c.departement,
      epci: epciOf.get(c.code) ?? null,
      siren: c.siren ?? null,
      population: c.population ?? 0,
    });
    if (c.siren) communesBySiren.set(c.siren, c.code);
    const list = communesOfDepartement.get(c.departement) ?? [];
    list.push(c.code);
    communesOfDepartement.set(c.departement, list);
  }

  const departements = new Map<string, GeoDepartement>();
  for (const d of [...departementSources].sort((a, b) => byCode(a.code, b.code))) {
    departements.set(d.code, { code: d.code, nom: d.nom, tncc: tncc(d.typeLiaison), communes: communesOfDepartement.get(d.code) ?? [] });
  }

  // People still use the names of communes that merged: they find the commune nouvelle under them.
  const formerNameEntries: SearchEntry[] = [];
  const formerCommunes = new Map<string, FormerCommune>();
  const addFormer = (former: FormerCommune) => {
    if (communes.has(former.code) || !communes.has(former.current)) return;
    const known = formerCommunes.get(former.code);
    if (!known || (known.nom === null && former.nom !== null)) formerCommunes.set(former.code, former);
  };
  for (const c of source.communes) {
    if (c.type === "commune-actuelle") {
      for (const old of c.anciensCodes ?? []) addFormer({ code: old, nom: null, current: c.code, reason: "fusion" });
    } else if ((c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu) {
      addFormer({ code: c.code, nom: c.nom, current: c.chefLieu, reason: "fusion" });
      const current = communes.get(c.chefLieu);
      if (current && normalizeName(current.nom) !== normalizeName(c.nom)) {
        formerNameEntries.push(searchEntry("commune", current.code, c.nom, current.population, [current.departement], c.nom));
      }
    } else if (c.type === "arrondissement-municipal" && c.commune) {
      addFormer({ code: c.code, nom: c.nom, current: c.commune, reason: "arrondissement" });
    }
  }

  const populationOf = new Map<string, number>();
  for (const c of communes.values()) populationOf.set(c.departement, (populationOf.get(c.departement) ?? 0) + c.population);
  const searchEntries: SearchEntry[] = [
    ...[...departements.values()].map((d) => searchEntry("departement", d.code, d.nom, populationOf.get(d.code) ?? 0, [d.code])),
    ...[...epcis.values()].sort((a, b) => byCode(a.siren, b.siren)).map((e) => searchEntry("epci", e.siren, e.nom, e.population, e.departements)),
    ...[...communes.values()].map((c) => searchEntry("commune", c.code, c.nom, c.population, [c.departement])),
    ...formerNameEntries,
  ];

  return { millesime: source.millesime, departements, epcis, communes, formerCommunes, communesBySiren, searchEntries };
}
