// The validated entry point: unknown input in, a JSON-ready result or French issues out.
import { formatRational } from "./decimal";
import { type FluxCalculation, calculateFlux } from "./engine";
import { type FluxIssue, type FluxWarning, fluxMessages } from "./messages";
import { type FluxLineKind, type FluxScenario, FluxScenarioSchema, validateWith } from "./schema";

/** One line of a result: figures as decimal strings, `rounded` as a whole number of dwellings. */
export interface FluxLine {
  id: string;
  kind: FluxLineKind;
  share: string;
  volume: string;
  rounded: number;
  /** Droits-de-suite lines only: the volume of each year from the scenario's year to the year after the last expiry. */
  schedule?: { year: number; volume: string }[];
}

/** The result of a scenario, exactly as the CLI prints it (docs/flux-cli.md). */
export interface FluxResult {
  rotationRate: string;
  liberations: string;
  flux: string;
  fluxRounded: number;
  /** Réservataires in input order, then the bailleur's residual line. */
  lines: FluxLine[];
  warnings: FluxWarning[];
}

/**
 * `invalid`: the input does not match the scenario format (CLI exit 1);
 * `error`: it matches but cannot be computed, e.g. FLUX_NEGATIF, DEPASSEMENT_FLUX (CLI exit 2).
 */
export type FluxOutcome =
  | { ok: true; result: FluxResult }
  | { ok: false; kind: "invalid" | "error"; issues: FluxIssue[] };

/** Renders an exact calculation as the JSON-ready result (decimal strings, ≥ 20 significant digits when inexact). */
export function toFluxResult(calculation: FluxCalculation): FluxResult {
  return {
    rotationRate: formatRational(calculation.rotationRate),
    liberations: formatRational(calculation.liberations),
    flux: formatRational(calculation.flux),
    fluxRounded: Number(calculation.fluxRounded),
    lines: calculation.lines.map((line) => ({
      id: line.id,
      kind: line.kind,
      share: formatRational(line.share),
      volume: formatRational(line.volume),
      rounded: Number(line.rounded),
      ...(line.schedule
        ? { schedule: line.schedule.map((entry) => ({ year: entry.year, volume: formatRational(entry.volume) })) }
        : {}),
    })),
    warnings: calculation.warnings,
  };
}

/** Computes a scenario that has already been validated by FluxScenarioSchema. */
export function computeValidatedFlux(scenario: FluxScenario): FluxOutcome {
  const outcome = calculateFlux(scenario);
  if (!outcome.ok) return { ok: false, kind: "error", issues: [outcome.issue] };
  return { ok: true, result: toFluxResult(outcome.calculation) };
}

/** Validates an unknown scenario (e.g. parsed JSON, a shared document's data) and computes it. */
export function computeFlux(scenario: unknown): FluxOutcome {
  const validated = validateWith(FluxScenarioSchema, scenario);
  if (!validated.ok) return { ok: false, kind: "invalid", issues: validated.issues };
  return computeValidatedFlux(validated.data);
}

/** Parses the JSON text of a scenario or of parameters; a syntax error becomes SCENARIO_JSON_INVALIDE. */
export function parseJsonInput(text: string): { ok: true; value: unknown } | { ok: false; issues: FluxIssue[] } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [{ path: "", code: "SCENARIO_JSON_INVALIDE", message: fluxMessages.SCENARIO_JSON_INVALIDE(detail) }] };
  }
}

/** Parses and computes the JSON text of a scenario, as the CLI does. */
export function computeFluxFromJson(text: string): FluxOutcome {
  const parsed = parseJsonInput(text);
  return parsed.ok ? computeFlux(parsed.value) : { ok: false, kind: "invalid", issues: parsed.issues };
}
