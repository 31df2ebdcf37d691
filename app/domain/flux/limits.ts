// Every limit of the flux engine, in one place so that the schema, the engine and the messages agree.
import { ratio } from "./rational";

/** Cap of the préfet's fonctionnaires (State agents) lines, as a share of the flux (R. 441-5: 5 %). */
export const PREFET_FONCTIONNAIRES_CAP = ratio(5n, 100n);

/** Cap of both préfet lines together, as a share of the flux (R. 441-5: 30 %). */
export const PREFET_TOTAL_CAP = ratio(30n, 100n);

/** Share above which a collectivité's rights exceed what loan guarantees give (the référentiel: 20 % at most). */
export const COLLECTIVITE_GUARANTEE_SHARE = ratio(20n, 100n);

/** Line kinds of collectivités territoriales, whose rights come from loan guarantees. */
export const COLLECTIVITE_KINDS: ReadonlySet<string> = new Set(["commune", "epci", "departement", "region"]);

/** Significant digits printed for a figure that has no finite decimal expansion (the contract asks ≥ 20). */
export const OUTPUT_SIGNIFICANT_DIGITS = 25;

/** Years a scenario may name; wide enough for long droits-de-suite schedules, narrow enough to catch typos. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;

/** Lines per scenario: a département has a few dozen réservataires at most; this only stops absurd inputs. */
export const MAX_RESERVATAIRES = 500;

/** Programmes per droits-de-suite line. */
export const MAX_PROGRAMMES = 10_000;

/** Longest identifier accepted for a line or a programme. */
export const MAX_ID_LENGTH = 100;

/** Longest decimal string accepted (digits and point), so that parsing cost stays bounded. */
export const MAX_DECIMAL_LENGTH = 60;

/** Identifier of the bailleur's residual line; no réservataire may use it. */
export const BAILLEUR_LINE_ID = "bailleur";
