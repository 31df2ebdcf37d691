// From a convention's state to the flux engine: the scenario is exactly the CLI's format, so that the read API can
// publish it and anyone can recompute the result with `npm run flux`.
import { type FluxOutcome, computeFlux } from "../flux";
import type { ConventionState, FluxLineConfig } from "./state";

/** The scenario and the engine's outcome for it; what blocks, variables and the read API share. */
export interface ConventionFlux {
  scenario: unknown;
  outcome: FluxOutcome;
}

function reservataireLine(line: FluxLineConfig, reservedByReservataire: Record<string, number>): Record<string, unknown> {
  if (line.method === "droits_de_suite") {
    return {
      id: line.id,
      kind: line.kind,
      method: "droits_de_suite",
      programmes: line.programmes ?? [],
      ...(line.firstLettings ? { firstLettings: line.firstLettings } : {}),
      ...(line.priorDroitsUniques ? { priorDroitsUniques: line.priorDroitsUniques } : {}),
    };
  }
  if (line.share !== undefined) return { id: line.id, kind: line.kind, share: line.share };
  return { id: line.id, kind: line.kind, reserved: reservedByReservataire[line.inventoryKey ?? line.id] ?? 0 };
}

/**
 * Builds the flux scenario of a convention (the CLI's format): year, assiette from the inventory aggregates (0 when
 * no inventory), the typed rate or the rotation data of year n-1, deductions (relogements = ANRU + ORCOD + LHI +
 * ventes), and one line per réservataire with its negotiated share or its reserved dwellings in the assiette.
 * Missing data is left out, so that the engine names what is missing in French.
 */
export function buildScenario(state: ConventionState): unknown {
  const { parameters, inventory } = state;
  const aggregates = inventory?.aggregates;
  const deductions = parameters.deductions;
  const rotation: Record<string, unknown> = {};
  if (parameters.rotationMethod === "saisi") {
    if (parameters.rotationRate !== undefined) rotation.rotationRate = parameters.rotationRate;
  } else if (parameters.releases && parameters.stock) {
    rotation.rotation = { method: parameters.rotationMethod, releases: parameters.releases, stock: parameters.stock };
  }
  return {
    year: state.meta.year,
    assiette: aggregates?.assiette ?? 0,
    ...rotation,
    deductions: {
      mutations: deductions.mutations,
      relogements: deductions.anru + deductions.orcod + deductions.lhi + deductions.ventes,
    },
    reservataires: state.lines.map((line) => reservataireLine(line, aggregates?.reservedByReservataire ?? {})),
  };
}

/** The convention's scenario and the engine's outcome for it (never throws: invalid data gives French issues). */
export function computeConventionFlux(state: ConventionState): ConventionFlux {
  const scenario = buildScenario(state);
  return { scenario, outcome: computeFlux(scenario) };
}
