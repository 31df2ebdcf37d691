// Public surface of the flux engine. Callers (convention templates, live tables, DOCX export, the CLI) should need
// nothing else: build a scenario, call computeFlux, read strings.
export { computeFlux, computeFluxFromJson, computeValidatedFlux, parseJsonInput, toFluxResult } from "./compute";
export type { FluxLine, FluxOutcome, FluxResult } from "./compute";
export { calculateFlux } from "./engine";
export type { CalculatedLine, FluxCalculation } from "./engine";
export { formatRational, parseDecimal } from "./decimal";
export { rotationRate } from "./rotation";
export { droitsDeSuiteSchedule, validityFraction } from "./droits-de-suite";
export { fluxMessages } from "./messages";
export type { FluxErrorCode, FluxIssue, FluxWarning, FluxWarningCode } from "./messages";
export {
  FluxParamsSchema,
  FluxScenarioSchema,
  RESERVATAIRE_KINDS,
  ReservataireLineSchema,
  formatPath,
  validateWith,
} from "./schema";
export type { FluxLineKind, FluxParams, FluxScenario, FluxScenarioInput, ReservataireKind, ReservataireLine } from "./schema";
export * as fluxLimits from "./limits";
