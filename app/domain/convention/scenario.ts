// From a convention's state to its flux tables: for each bailleur party, the apportionment of its flux on the
// convention's territory (its own inventory, one rounding over every holder of rights there), the lines the convention
// shows of it, and for several bailleurs the consolidated table. One pure function, run by every browser, the read API
// and the DOCX export alike (docs/decisions/0011-territory-and-one-apportionment.md).
import { computeValidatedFlux, type FluxOutcome, type FluxResult } from "../flux";
import { calculateFlux, type FluxCalculation } from "../flux/engine";
import { FluxScenarioSchema, validateWith, type FluxScenarioInput } from "../flux/schema";
import { DEFAULT_OPTIONAL_EXCLUSIONS, perimeterOf, type OptionalExclusions, type Perimeter } from "../perimeter/assiette";
import { apportionmentLines, apportionmentScenario, NO_DEDUCTIONS, type Deductions, type Holder } from "../perimeter/apportionment";
import { consolidate, type ConsolidatedFlux } from "../perimeter/consolidate";
import type { BailleurStatus } from "../perimeter/inputs";
import { compareHolders } from "../perimeter/reservataires";
import { chooseRotation, type RotationChoice, type RotationDefinition } from "../perimeter/rotation";
import { conventionView, type ViewLine } from "../perimeter/view";
import { conventionMessages } from "./messages";
import type { ConventionState } from "./state";

/** One bailleur's table: its apportionment on the territory and what this convention shows of it. */
export interface BailleurFlux {
  bailleur: { id: string; name: string };
  status: BailleurStatus;
  perimeter: Perimeter | null;
  rotation: RotationChoice | null;
  deductions: Deductions;
  /** False while the bailleur has not entered its forecast (zero is used, and the panel says so). */
  deductionsEntered: boolean;
  /** The apportionment's lines, in the canonical order. */
  lines: Holder[];
  /** The flux CLI's scenario; null when a figure is missing. */
  scenario: FluxScenarioInput | null;
  outcome: FluxOutcome | null;
  calculation: FluxCalculation | null;
  /** What this convention shows: its parties' lines, the others together, the bailleur's non réservé. */
  view: ViewLine[] | null;
  /** What is missing, in French, with where to enter it (for the panels; the text and the DOCX never print it). */
  missing: string[];
}

export interface ConventionFlux {
  tables: BailleurFlux[];
  /** The sum of the computed tables, for a convention with several bailleurs. */
  consolidated: ConsolidatedFlux | null;
  /** The figures the text quotes: the single bailleur's table, or the consolidated one once every table is computed. */
  main: MainFigures | null;
}

export interface MainFigures {
  dwellings: number;
  assiette: number;
  liberations: FluxCalculation["liberations"];
  flux: FluxCalculation["flux"];
  fluxRounded: bigint;
  lines: ViewLine[];
  /** The single bailleur's engine result (the CLI's output); absent for several bailleurs. */
  result?: FluxResult;
}

/** The rotation definition the convention retains (the one control of it: the option « Définition du taux de rotation »). */
export function rotationDefinition(state: Pick<ConventionState, "options">): RotationDefinition {
  return state.options.definition_rotation?.choice === "alternative" ? "alternative" : "standard";
}

/** The convention's choice on students' and specific housing (excluded unless the option says otherwise). */
export function optionalExclusions(state: Pick<ConventionState, "options">): OptionalExclusions {
  return state.options.logements_etudiants_specifiques?.choice === "inclus" ? { etudiants: false, specifique: false } : DEFAULT_OPTIONAL_EXCLUSIONS;
}

/** The holders this convention shows as its own lines: its réservataire parties, in the parties' order. */
export function partyHolders(state: Pick<ConventionState, "parties" | "flux">): Holder[] {
  const holders = Object.values(state.flux?.holders ?? {}).filter((holder) => holder.party);
  const order = new Map(state.parties.map((party, index) => [party.id, index]));
  return holders.sort((a, b) => (order.get(a.organisationId) ?? 99) - (order.get(b.organisationId) ?? 99) || compareHolders(a, b));
}

/** Every bailleur's table, the consolidated one and the figures the text quotes. Never throws. */
export function computeConventionFlux(state: ConventionState): ConventionFlux {
  const inputs = state.flux;
  if (!inputs) return { tables: [], consolidated: null, main: null };
  const definition = rotationDefinition(state);
  const optional = optionalExclusions(state);
  const parties = partyHolders(state);
  const tables = inputs.bailleurs.map((b): BailleurFlux => {
    const base: BailleurFlux = {
      bailleur: { id: b.id, name: b.name },
      status: b.status,
      perimeter: null,
      rotation: null,
      deductions: b.terms.deductions ?? NO_DEDUCTIONS,
      deductionsEntered: b.terms.deductions !== null,
      lines: [],
      scenario: null,
      outcome: null,
      calculation: null,
      view: null,
      missing: [],
    };
    if (b.status === "invite") return { ...base, missing: [conventionMessages.BAILLEUR_INVITE(b.name)] };
    if (b.status === "sans_etat_des_lieux" || !b.counts) return { ...base, missing: [conventionMessages.BAILLEUR_SANS_ETAT_DES_LIEUX(b.name, inputs.year)] };
    const perimeter = perimeterOf(b.counts, optional);
    const rotation = chooseRotation(b.rotation, definition);
    const lines = apportionmentLines(perimeter, b.terms, inputs.holders);
    const missing = [
      ...(rotation.source === "manquant" ? [conventionMessages.ROTATION_INCONNUE(b.name, inputs.year - 1)] : []),
      ...Object.entries(b.counts.unmapped).map(([code, n]) => conventionMessages.CODE_NON_RATTACHE(b.name, code, n)),
    ];
    const scenario = apportionmentScenario({ year: inputs.year, perimeter, rotation, terms: b.terms, lines });
    const table = { ...base, perimeter, rotation, lines, scenario, missing };
    if (!scenario) return table;
    const validated = validateWith(FluxScenarioSchema, scenario);
    if (!validated.ok) return { ...table, outcome: { ok: false, kind: "invalid", issues: validated.issues } };
    const exact = calculateFlux(validated.data);
    const outcome = computeValidatedFlux(validated.data);
    if (!exact.ok) return { ...table, outcome };
    return { ...table, outcome, calculation: exact.calculation, view: conventionView(exact.calculation, lines, parties, b.name) };
  });
  const computed = tables.filter((t): t is BailleurFlux & { calculation: FluxCalculation; view: ViewLine[]; perimeter: Perimeter } => t.calculation !== null);
  const consolidated =
    tables.length > 1 && computed.length > 0
      ? consolidate(computed.map((t) => ({ calculation: t.calculation, view: t.view, dwellings: t.perimeter.dwellings, assiette: t.perimeter.assiette })))
      : null;
  let main: MainFigures | null = null;
  if (tables.length === 1 && computed.length === 1) {
    const [only] = computed;
    main = {
      dwellings: only.perimeter.dwellings,
      assiette: only.perimeter.assiette,
      liberations: only.calculation.liberations,
      flux: only.calculation.flux,
      fluxRounded: only.calculation.fluxRounded,
      lines: only.view,
      ...(only.outcome?.ok ? { result: only.outcome.result } : {}),
    };
  } else if (consolidated && computed.length === tables.length) {
    main = { ...consolidated };
  }
  return { tables, consolidated, main };
}

/**
 * Why the main figures are not available, in French (for variables that quote them): data still missing (what to
 * enter, and where), or the engine's refusal of data that is there (a negative flux, say).
 */
export function mainFiguresMissing(flux: ConventionFlux): { missing: string } | { error: string } {
  for (const table of flux.tables) {
    if (table.missing.length > 0) return { missing: table.missing[0] };
    if (table.outcome && !table.outcome.ok) return { error: conventionMessages.FLUX_INCALCULABLE(table.outcome.issues.map((i) => i.message).join(" ")) };
  }
  return { missing: conventionMessages.AUCUN_BAILLEUR() };
}
