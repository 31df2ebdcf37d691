// What is negotiated for a bailleur × territory × year, checked the same way in the browser's panels and on the
// server: counts are whole and bounded, shares are rates between 0 % and 100 % compared as exact fractions, and the
// préfet's shares respect the legal caps (CCH art. R. 441-5: 30 % in all, of which 5 % for the agents de l'État).
import { z } from "zod";
import { parseDecimal, formatRational } from "../flux/decimal";
import { PREFET_FONCTIONNAIRES_CAP, PREFET_TOTAL_CAP } from "../flux/limits";
import { add, compare, ONE, ZERO, type Rational } from "../flux/rational";
import { RateStringSchema } from "../flux/schema";
import type { FluxTerms, Holder } from "./apportionment";
import { RotationDataSchema } from "./rotation-schema";

/** Largest count accepted in a forecast or a programme (no bailleur has a million dwellings). */
export const MAX_TERM_COUNT = 1_000_000;

const count = z.number({ message: "un nombre entier de logements est attendu" }).int("un nombre entier est attendu").min(0, "le nombre ne peut être négatif").max(MAX_TERM_COUNT, `au plus ${MAX_TERM_COUNT} logements`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "une date au format aaaa-mm-jj est attendue");

export const DeductionsSchema = z.strictObject({ mutations: count, anru: count, orcod: count, lhi: count, ventes: count });

export const DroitsDeSuiteSchema = z.strictObject({
  programmes: z.array(z.strictObject({ id: z.string().trim().min(1).max(100), droitsDeSuite: count, end: isoDate })).min(1).max(1_000),
  firstLettings: z.array(z.strictObject({ year: z.number().int().min(2000).max(2200), droitsUniques: count })).max(100).optional(),
  priorDroitsUniques: z.array(z.strictObject({ year: z.number().int().min(2000).max(2200), count })).max(100).optional(),
});

export const FluxTermsSchema = z.strictObject({
  deductions: DeductionsSchema.nullable(),
  shares: z.record(z.string().max(120), RateStringSchema),
  droitsDeSuite: z.record(z.string().max(120), DroitsDeSuiteSchema),
}) satisfies z.ZodType<FluxTerms>;

export { RotationDataSchema };

export interface TermsIssue {
  path: string;
  message: string;
}

const percent = (value: Rational) => `${formatRational({ num: value.num * 100n, den: value.den }).replace(".", ",")} %`;

/** Reasons to refuse terms, for the holders of the territory: unknown holders, caps, shares above the whole flux. */
export function termsIssues(terms: FluxTerms, holders: Record<string, Holder>): TermsIssue[] {
  const issues: TermsIssue[] = [];
  let fonctionnaires: Rational = ZERO;
  let prefet: Rational = ZERO;
  let total: Rational = ZERO;
  for (const [key, share] of Object.entries(terms.shares)) {
    const holder = holders[key];
    if (!holder) {
      issues.push({ path: `shares.${key}`, message: "Ce réservataire n'a pas de droits sur ce territoire et n'est pas partie à la convention." });
      continue;
    }
    const value = parseDecimal(share);
    total = add(total, value);
    if (holder.kind === "prefet_fonctionnaires") fonctionnaires = add(fonctionnaires, value);
    if (holder.kind.startsWith("prefet_")) prefet = add(prefet, value);
  }
  if (compare(fonctionnaires, PREFET_FONCTIONNAIRES_CAP) > 0)
    issues.push({ path: "shares", message: `La part négociée des agents de l'État (${percent(fonctionnaires)}) dépasse le plafond légal de 5 % du flux annuel (art. R. 441-5 du CCH).` });
  if (compare(prefet, PREFET_TOTAL_CAP) > 0)
    issues.push({ path: "shares", message: `Les parts négociées du préfet totalisent ${percent(prefet)} du flux annuel : le plafond légal est de 30 % (art. R. 441-5 du CCH).` });
  if (compare(total, ONE) > 0)
    issues.push({ path: "shares", message: `Les parts négociées totalisent ${percent(total)} du flux : elles ne peuvent dépasser 100 %, la ligne du bailleur deviendrait négative.` });
  for (const key of Object.keys(terms.droitsDeSuite)) {
    const holder = holders[key];
    if (!holder || holder.kind !== "action_logement")
      issues.push({ path: `droitsDeSuite.${key}`, message: "Seuls les droits d'Action Logement se transforment en droits uniques." });
  }
  return issues;
}

/** Changes to terms: what is given replaces, a share or droits de suite set to null go, the rest stays. */
export interface TermsChanges {
  deductions?: FluxTerms["deductions"];
  shares?: Record<string, string | null>;
  droitsDeSuite?: Record<string, FluxTerms["droitsDeSuite"][string] | null>;
}

/** The terms once `changes` apply (before they are checked with termsIssues). */
export function applyTermsChanges(current: FluxTerms, changes: TermsChanges): FluxTerms {
  const merge = <T>(values: Record<string, T>, patch: Record<string, T | null> | undefined) => {
    const out = { ...values };
    for (const [key, value] of Object.entries(patch ?? {})) {
      if (value === null) delete out[key];
      else out[key] = value;
    }
    return out;
  };
  return {
    deductions: changes.deductions ?? current.deductions,
    shares: merge(current.shares, changes.shares),
    droitsDeSuite: merge(current.droitsDeSuite, changes.droitsDeSuite),
  };
}
