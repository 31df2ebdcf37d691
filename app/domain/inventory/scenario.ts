// From an imported inventory to a flux scenario (the CLI's inventory mode): the inventory gives the assiette and each
// line's reserved dwellings on the territory, the parameters give everything else (rate, deductions, lines and their
// options). The same counting as the conventions': countTerritory and perimeterOf (docs/domain.md, "Périmètre").
import { type FluxIssue, type FluxScenario, FluxParamsSchema, validateWith } from "../flux";
import type { ReservataireKind } from "../flux/schema";
import { DEFAULT_OPTIONAL_EXCLUSIONS, perimeterOf, type OptionalExclusions } from "../perimeter/assiette";
import { countTerritory } from "../perimeter/counts";
import { mappingKey, reservataireKey, type CodeMapping } from "../perimeter/reservataires";
import type { InventoryAggregates } from "./aggregate";
import { type InventoryWarning, inventoryMessages } from "./messages";

/** The territory a computation is restricted to, as given (echoed in the result) and as a test on communes. */
export interface ScenarioTerritory {
  given: unknown;
  inTerritory: (insee: string, departement: string) => boolean;
}

export interface ScenarioPerimeter {
  territory: unknown;
  /** Rows of the file inside the territory, before exclusions. */
  dwellings: number;
  /** Dwellings in the flux perimeter. */
  assiette: number;
}

export type InventoryScenarioOutcome =
  | { ok: true; scenario: FluxScenario; warnings: InventoryWarning[]; perimeter: ScenarioPerimeter }
  | { ok: false; issues: FluxIssue[] };

interface Extras {
  exclusions: OptionalExclusions;
  /** Per line id: the réservataire codes of the file it counts (its own id when absent). */
  codes: Map<string, string[]>;
}

// The inventory mode accepts, besides the scenario's fields, `territory` (read by the caller), `exclusions` and a
// line's `codes`; they are taken out before the scenario schema, which refuses unknown fields.
function splitExtras(params: unknown): { rest: unknown; extras: Extras } | { issues: FluxIssue[] } {
  const extras: Extras = { exclusions: DEFAULT_OPTIONAL_EXCLUSIONS, codes: new Map() };
  if (!params || typeof params !== "object" || Array.isArray(params)) return { rest: params, extras };
  const { territory: _territory, exclusions, ...rest } = params as Record<string, unknown>;
  if (exclusions !== undefined) {
    const e = exclusions as Record<string, unknown> | null;
    const valid = e && typeof e === "object" && Object.entries(e).every(([k, v]) => (k === "etudiants" || k === "specifique") && typeof v === "boolean");
    if (!valid) return { issues: [{ path: "exclusions", code: "SCENARIO_VALEUR_INVALIDE", message: inventoryMessages.INVENTAIRE_EXCLUSIONS_INVALIDES() }] };
    extras.exclusions = { ...DEFAULT_OPTIONAL_EXCLUSIONS, ...(e as Partial<OptionalExclusions>) };
  }
  if (Array.isArray(rest.reservataires)) {
    const issues: FluxIssue[] = [];
    rest.reservataires = rest.reservataires.map((line: unknown, index: number) => {
      if (!line || typeof line !== "object") return line;
      const { codes, ...other } = line as Record<string, unknown>;
      if (codes === undefined) return other;
      if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === "string" && c.length > 0 && c.length <= 120)) {
        issues.push({ path: `reservataires[${index}].codes`, code: "SCENARIO_VALEUR_INVALIDE", message: inventoryMessages.INVENTAIRE_CODES_INVALIDES(index) });
      } else extras.codes.set(String(other.id), codes as string[]);
      return other;
    });
    if (issues.length) return { issues };
  }
  return { rest, extras };
}

/**
 * Builds the scenario of an inventory on a territory: `assiette` = the file's rows inside it after exclusions, and for
 * each assiette-method line, `reserved` = those of them whose réservataire column is one of the line's codes. Without
 * a territory, a file covering several départements is refused: a convention is computed on one perimeter.
 */
export function scenarioFromInventory(aggregates: InventoryAggregates, params: unknown, territory?: ScenarioTerritory): InventoryScenarioOutcome {
  const split = splitExtras(params);
  if ("issues" in split) return { ok: false, issues: split.issues };
  const validated = validateWith(FluxParamsSchema, split.rest);
  if (!validated.ok) return { ok: false, issues: validated.issues };
  const departements = Object.keys(aggregates.departements);
  if (!territory && departements.length > 1) {
    return {
      ok: false,
      issues: [{ path: "territory", code: "SCENARIO_CHAMP_MANQUANT", message: inventoryMessages.INVENTAIRE_PLUSIEURS_DEPARTEMENTS(departements) }],
    };
  }
  const { reservataires, ...rest } = validated.data;
  const mapping: CodeMapping = {};
  for (const line of reservataires) {
    if (line.method === "droits_de_suite") continue;
    for (const code of split.extras.codes.get(line.id) ?? [line.id])
      for (const departement of departements) mapping[mappingKey(departement, code)] = { organisationId: line.id, kind: line.kind as ReservataireKind };
  }
  const counts = countTerritory(aggregates, territory?.inTerritory ?? (() => true), mapping);
  const perimeter = perimeterOf(counts, split.extras.exclusions);
  const warnings: InventoryWarning[] = [];
  const lines = reservataires.map((line) => {
    if (line.method === "droits_de_suite") return line;
    const reserved = perimeter.reserved[reservataireKey({ organisationId: line.id, kind: line.kind as ReservataireKind })] ?? 0;
    if (reserved === 0 && line.share === undefined) {
      warnings.push({ code: "INVENTAIRE_LIGNE_SANS_LOGEMENT", message: inventoryMessages.INVENTAIRE_LIGNE_SANS_LOGEMENT(line.id) });
    }
    return { ...line, reserved };
  });
  // Codes of the file no line counts: those of their dwellings that are in the assiette stay on the bailleur's line.
  for (const [code, dwellings] of Object.entries(counts.unmapped)) {
    warnings.push({ code: "INVENTAIRE_RESERVATAIRE_SANS_LIGNE", message: inventoryMessages.INVENTAIRE_RESERVATAIRE_SANS_LIGNE(code, dwellings) });
  }
  return {
    ok: true,
    scenario: { ...rest, assiette: perimeter.assiette, reservataires: lines },
    warnings,
    perimeter: { territory: territory?.given ?? null, dwellings: perimeter.dwellings, assiette: perimeter.assiette },
  };
}
