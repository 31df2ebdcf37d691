// From a territory as the user gave it to the communes it covers, checked against the official geography.
// A commune list may span several départements, as an EPCI may (89 of them straddle two): the territory is what the
// réservataire's rights cover. A caller bound to one département (a convention is signed per département) passes
// `departement`, and every commune must then lie in it (docs/decisions/0501-official-geography.md).
import type { Geography } from "./geography";
import { findCommune } from "./membership";
import { type TerritoryIssue, territoryMessages } from "./messages";
import { MAX_NAMED_COMMUNES_IN_LABEL } from "./limits";
import { communeCount, communeLabel, communeName, departementLabel, joinFrench } from "./names";
import { type Territory, type TerritoryKind, TerritorySchema, territoryIssues, territoryKey, territoryKind } from "./schema";

export interface ResolvedTerritory {
  kind: TerritoryKind;
  /** "departement:31", "epci:243100518", "communes:31069,31157": equal territories have equal keys. */
  key: string;
  /** The département code or the EPCI's SIREN; null for a list of communes. */
  code: string | null;
  /** French noun phrase: "le département de la Haute-Garonne", "Toulouse Métropole", "la commune de Blagnac". */
  label: string;
  /** INSEE codes of today's communes, sorted. */
  communes: readonly string[];
  /** Départements the communes lie in, sorted. */
  departements: readonly string[];
}

export type ResolveOutcome = { ok: true; territory: ResolvedTerritory } | { ok: false; issues: TerritoryIssue[] };

export interface ResolveOptions {
  /** The département the territory must lie in (every commune of a list; some commune of an EPCI). */
  departement?: string;
}

const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

/** "du Gers (32)": how the messages name a département. */
function ofDepartement(code: string, geography: Geography): string {
  return geography.departements.has(code) ? `${departementLabel(code, geography, "de")} (${code})` : code;
}

function communesLabel(codes: readonly string[], departements: readonly string[], geography: Geography): string {
  if (codes.length === 1) return `la commune ${communeName(codes[0], geography, "de")}`;
  if (codes.length <= MAX_NAMED_COMMUNES_IN_LABEL) {
    return `les communes ${joinFrench(codes.map((code) => communeName(code, geography, "de")))}`;
  }
  return `${communeCount(codes.length)} ${joinFrench(departements.map((code) => departementLabel(code, geography, "de")))}`;
}

/** The communes, départements and French label of a territory, or the French reasons why it cannot be used. */
export function resolveTerritory(territory: Territory, geography: Geography, options: ResolveOptions = {}): ResolveOutcome {
  const kind = territoryKind(territory);
  const key = territoryKey(territory);
  const expected = options.departement;
  const { millesime } = geography;

  if ("departement" in territory) {
    const departement = geography.departements.get(territory.departement);
    if (!departement) {
      return fail({ code: "TERRITOIRE_DEPARTEMENT_INCONNU", field: "departement", message: territoryMessages.TERRITOIRE_DEPARTEMENT_INCONNU(territory.departement, millesime) });
    }
    if (expected !== undefined && expected !== departement.code) {
      const message = territoryMessages.TERRITOIRE_HORS_DEPARTEMENT("departement", departement.nom, ofDepartement(expected, geography), ofDepartement(departement.code, geography));
      return fail({ code: "TERRITOIRE_HORS_DEPARTEMENT", field: "departement", message });
    }
    const label = `le département ${departementLabel(departement.code, geography, "de")}`;
    return { ok: true, territory: { kind, key, code: departement.code, label, communes: departement.communes, departements: [departement.code] } };
  }

  if ("epci" in territory) {
    const epci = geography.epcis.get(territory.epci);
    if (!epci) return fail({ code: "TERRITOIRE_EPCI_INCONNU", field: "epci", message: territoryMessages.TERRITOIRE_EPCI_INCONNU(territory.epci, millesime) });
    if (expected !== undefined && !epci.departements.includes(expected)) {
      const message = territoryMessages.TERRITOIRE_HORS_DEPARTEMENT("epci", `${epci.nom} (${epci.siren})`, ofDepartement(expected, geography));
      return fail({ code: "TERRITOIRE_HORS_DEPARTEMENT", field: "epci", message });
    }
    return { ok: true, territory: { kind, key, code: epci.siren, label: epci.nom, communes: epci.communes, departements: epci.departements } };
  }

  const issues: TerritoryIssue[] = [];
  territory.communes.forEach((code, index) => {
    const found = findCommune(code, geography);
    const at = { field: "communes" as const, index };
    if (found.status === "inconnue") {
      issues.push({ code: "TERRITOIRE_COMMUNE_INCONNUE", ...at, message: territoryMessages.TERRITOIRE_COMMUNE_INCONNUE(code, millesime) });
    } else if (found.status === "ancienne") {
      issues.push({ code: "TERRITOIRE_COMMUNE_ANCIENNE", ...at, message: territoryMessages.TERRITOIRE_COMMUNE_ANCIENNE(code, found.former.nom, found.commune.code, found.commune.nom) });
    } else if (found.status === "arrondissement") {
      issues.push({ code: "TERRITOIRE_COMMUNE_ARRONDISSEMENT", ...at, message: territoryMessages.TERRITOIRE_COMMUNE_ARRONDISSEMENT(code, found.former.nom ?? code, found.commune.code, found.commune.nom) });
    } else if (expected !== undefined && found.commune.departement !== expected) {
      const message = territoryMessages.TERRITOIRE_HORS_DEPARTEMENT("commune", communeLabel(code, geography), ofDepartement(expected, geography), ofDepartement(found.commune.departement, geography));
      issues.push({ code: "TERRITOIRE_HORS_DEPARTEMENT", ...at, message });
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const communes = sorted(territory.communes);
  const departements = sorted(communes.map((code) => geography.communes.get(code)!.departement));
  return { ok: true, territory: { kind, key, code: null, label: communesLabel(communes, departements, geography), communes, departements } };
}

/** `TerritorySchema` then `resolveTerritory`, for raw input (the CLI's parameters, a JSON body): one list of issues. */
export function resolveTerritoryInput(input: unknown, geography: Geography, options: ResolveOptions = {}): ResolveOutcome {
  const parsed = TerritorySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: territoryIssues(parsed.error) };
  return resolveTerritory(parsed.data, geography, options);
}

function fail(issue: TerritoryIssue): ResolveOutcome {
  return { ok: false, issues: [issue] };
}
