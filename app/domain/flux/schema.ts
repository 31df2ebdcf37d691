// The scenario format of the CLI (docs/flux-cli.md) as zod schemas, and the translation of zod's issues into the French catalogue.
import { z } from "zod";

import { DECIMAL_STRING_PATTERN, parseDecimal } from "./decimal";
import {
  BAILLEUR_LINE_ID,
  MAX_DECIMAL_LENGTH,
  MAX_ID_LENGTH,
  MAX_PROGRAMMES,
  MAX_RESERVATAIRES,
  MAX_YEAR,
  MIN_YEAR,
} from "./limits";
import { type FluxIssue, type FluxValidationCode, fluxMessages } from "./messages";
import { ONE, compare } from "./rational";

/** Kinds of réservataire lines a scenario may contain (the bailleur line is added by the engine). */
export const RESERVATAIRE_KINDS = [
  "prefet_prioritaires",
  "prefet_fonctionnaires",
  "action_logement",
  "commune",
  "epci",
  "departement",
  "region",
  "autre",
] as const;
export type ReservataireKind = (typeof RESERVATAIRE_KINDS)[number];

/** Kind of any line of a result, the bailleur's residual line included. */
export type FluxLineKind = ReservataireKind | "bailleur";

const count = z.int().min(0);
const identifier = z.string().trim().min(1).max(MAX_ID_LENGTH);
const decimalString = z.string().max(MAX_DECIMAL_LENGTH).regex(DECIMAL_STRING_PATTERN);
// zod runs every check even after a failed one: the refinement must not parse what the pattern refused.
const rate = decimalString.refine((value) => !DECIMAL_STRING_PATTERN.test(value) || compare(parseDecimal(value), ONE) <= 0);

/**
 * A rate or a share as a decimal string between 0 and 1 ("0.082"), compared with exact fractions: the one bound every
 * rate of the convention (rotation, negotiated shares) is checked against, in the browser and on the server.
 */
export const RateStringSchema = z
  .string()
  .max(MAX_DECIMAL_LENGTH)
  .regex(DECIMAL_STRING_PATTERN, { message: "un taux s'écrit comme une fraction décimale, p. ex. 0.082 pour 8,2 %" })
  .refine((value) => !DECIMAL_STRING_PATTERN.test(value) || compare(parseDecimal(value), ONE) <= 0, {
    message: "un taux est compris entre 0 % et 100 %",
  });
const year = z.int().min(MIN_YEAR).max(MAX_YEAR);

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDate);

const ProgrammeSchema = z.strictObject({ id: identifier, droitsDeSuite: count, end: isoDate });
const FirstLettingSchema = z.strictObject({ year, droitsUniques: count });
const PriorDroitsUniquesSchema = z.strictObject({ year, count });

type IssueContext = { addIssue: (issue: z.core.$ZodRawIssue) => void };

// Refinements only know the path relative to their object; the message is rendered once the full path is known.
type Render = (fullPath: string) => string;

function flag(ctx: IssueContext, path: PropertyKey[], fluxCode: FluxValidationCode, render: Render) {
  ctx.addIssue({ code: "custom", path, params: { fluxCode, render }, input: undefined });
}

const sibling = (fullPath: string, index: number) => fullPath.replace(/\[\d+\]\.id$/, `[${index}]`);

const METHOD_ONLY_FIELDS = {
  assiette: ["rotationRate", "programmes", "firstLettings", "priorDroitsUniques"],
  droits_de_suite: ["reserved", "share"],
} as const;

const lineShape = {
  id: identifier,
  kind: z.enum(RESERVATAIRE_KINDS),
  share: decimalString.optional(),
  method: z.enum(["assiette", "droits_de_suite"]).optional(),
  rotationRate: rate.optional(),
  programmes: z.array(ProgrammeSchema).max(MAX_PROGRAMMES).optional(),
  firstLettings: z.array(FirstLettingSchema).max(MAX_PROGRAMMES).optional(),
  priorDroitsUniques: z.array(PriorDroitsUniquesSchema).max(MAX_PROGRAMMES).optional(),
};
type LineFields = z.output<z.ZodObject<typeof lineShape>> & { reserved?: number };

function refineLine(options: { withReserved: boolean }) {
  return (line: LineFields, ctx: IssueContext) => {
    const fields = line as Record<string, unknown>;
    const method = line.method ?? "assiette";
    for (const field of METHOD_ONLY_FIELDS[method]) {
      if (fields[field] !== undefined) {
        flag(ctx, [field], "SCENARIO_CHAMP_INCOMPATIBLE", (p) => fluxMessages.SCENARIO_CHAMP_INCOMPATIBLE(p, method));
      }
    }
    if (method === "droits_de_suite") {
      if (line.kind !== "action_logement") {
        flag(ctx, ["kind"], "SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT", (p) =>
          fluxMessages.SCENARIO_DROITS_DE_SUITE_HORS_ACTION_LOGEMENT(p, line.kind));
      }
      if (!line.programmes) {
        flag(ctx, ["programmes"], "SCENARIO_CHAMP_MANQUANT", (p) =>
          fluxMessages.SCENARIO_CHAMP_MANQUANT(p, FIELD_FORMATS.programmes));
      } else if (line.programmes.length === 0) {
        flag(ctx, ["programmes"], "SCENARIO_VALEUR_INVALIDE", (p) =>
          fluxMessages.SCENARIO_VALEUR_INVALIDE(p, "[]", FIELD_FORMATS.programmes));
      }
      const seen = new Map<string, number>();
      line.programmes?.forEach((programme, index) => {
        const first = seen.get(programme.id);
        if (first === undefined) seen.set(programme.id, index);
        else flag(ctx, ["programmes", index, "id"], "SCENARIO_IDENTIFIANT_EN_DOUBLE", (p) =>
          fluxMessages.SCENARIO_IDENTIFIANT_EN_DOUBLE(p, programme.id, sibling(p, first)));
      });
    } else if (options.withReserved && line.reserved === undefined && line.share === undefined) {
      flag(ctx, [], "SCENARIO_PART_MANQUANTE", (p) => fluxMessages.SCENARIO_PART_MANQUANTE(p));
    }
  };
}

const RotationSchema = z.strictObject({
  method: z.enum(["standard", "alternative"]).default("standard"),
  releases: z.strictObject({
    total: count,
    students: count.optional(),
    specific: count.optional(),
    mutations: count.optional(),
    anru: count.optional(),
    orcod: count.optional(),
    lhi: count.optional(),
  }),
  stock: z.strictObject({
    total: count,
    students: count.optional(),
    specific: count.optional(),
    sale: count.optional(),
    demolition: count.optional(),
  }),
});

const DeductionsSchema = z.strictObject({ mutations: count.default(0), relogements: count.default(0) });

const scenarioShape = {
  year: year.optional(),
  rotationRate: rate.optional(),
  rotation: RotationSchema.optional(),
  deductions: DeductionsSchema.default({ mutations: 0, relogements: 0 }),
};
type ScenarioFields = z.output<z.ZodObject<typeof scenarioShape>> & {
  reservataires: Array<{ id: string; method?: string }>;
};

function refineScenario(scenario: ScenarioFields, ctx: IssueContext) {
  if ((scenario.rotationRate === undefined) === (scenario.rotation === undefined)) {
    const both = scenario.rotationRate !== undefined;
    flag(ctx, ["rotationRate"], "SCENARIO_TAUX_ROTATION_AMBIGU", () => fluxMessages.SCENARIO_TAUX_ROTATION_AMBIGU(both));
  }
  const lines = scenario.reservataires;
  if (scenario.year === undefined && lines.some((l) => l.method === "droits_de_suite")) {
    flag(ctx, ["year"], "SCENARIO_ANNEE_REQUISE", () => fluxMessages.SCENARIO_ANNEE_REQUISE());
  }
  const seen = new Map<string, number>();
  lines.forEach((l, index) => {
    if (l.id === BAILLEUR_LINE_ID) {
      flag(ctx, ["reservataires", index, "id"], "SCENARIO_IDENTIFIANT_RESERVE", (p) =>
        fluxMessages.SCENARIO_IDENTIFIANT_RESERVE(p, l.id));
    }
    const first = seen.get(l.id);
    if (first === undefined) seen.set(l.id, index);
    else flag(ctx, ["reservataires", index, "id"], "SCENARIO_IDENTIFIANT_EN_DOUBLE", (p) =>
      fluxMessages.SCENARIO_IDENTIFIANT_EN_DOUBLE(p, l.id, sibling(p, first)));
  });
}

/** One réservataire line of a scenario. */
export const ReservataireLineSchema = z
  .strictObject({ ...lineShape, reserved: count.optional() })
  .superRefine(refineLine({ withReserved: true }));

/** A flux scenario as the CLI and `computeFlux` accept it (docs/flux-cli.md): unknown fields rejected, decimals as strings. */
export const FluxScenarioSchema = z
  .strictObject({ ...scenarioShape, assiette: count, reservataires: z.array(ReservataireLineSchema).max(MAX_RESERVATAIRES) })
  .superRefine(refineScenario);

/** A réservataire line of inventory parameters: as in a scenario, without `reserved` (the inventory gives it). */
export const ParamsReservataireLineSchema = z.strictObject(lineShape).superRefine(refineLine({ withReserved: false }));

/** Parameters of a computation from an inventory: a scenario without `assiette` nor `reserved`. */
export const FluxParamsSchema = z
  .strictObject({ ...scenarioShape, reservataires: z.array(ParamsReservataireLineSchema).max(MAX_RESERVATAIRES) })
  .superRefine(refineScenario);

export type FluxScenario = z.output<typeof FluxScenarioSchema>;
export type FluxScenarioInput = z.input<typeof FluxScenarioSchema>;
export type ReservataireLine = z.output<typeof ReservataireLineSchema>;
export type RotationData = z.output<typeof RotationSchema>;
export type FluxParams = z.output<typeof FluxParamsSchema>;

/** What each field expects, in French, keyed by "parent.field" or "field"; used to say what a value should be. */
const FIELD_FORMATS: Record<string, string> = {
  "": "un objet JSON décrivant le scénario",
  year: `une année entière entre ${MIN_YEAR} et ${MAX_YEAR} (p. ex. 2026)`,
  assiette: "un nombre entier de logements ≥ 0 (p. ex. 2000)",
  rotationRate: "un taux entre 0 et 1 écrit comme chaîne décimale avec un point (p. ex. \"0.08\")",
  rotation: "un objet { method, releases, stock } décrivant la rotation de l'année n-1",
  "rotation.method": "\"standard\" ou \"alternative\"",
  releases: "un objet { total, students, specific, mutations, anru, orcod, lhi } d'entiers ≥ 0",
  stock: "un objet { total, students, specific, sale, demolition } d'entiers ≥ 0",
  deductions: "un objet { mutations, relogements } d'entiers ≥ 0",
  reservataires: `une liste d'au plus ${MAX_RESERVATAIRES} réservataires`,
  "reservataires.method": "\"assiette\" ou \"droits_de_suite\"",
  id: `un identifiant non vide d'au plus ${MAX_ID_LENGTH} caractères`,
  kind: RESERVATAIRE_KINDS.map((k) => `"${k}"`).join(", "),
  reserved: "un nombre entier de logements réservés dans l'assiette, ≥ 0 (p. ex. 410)",
  share: "une part ≥ 0 écrite comme chaîne décimale avec un point (p. ex. \"0.25\")",
  programmes: `une liste non vide d'au plus ${MAX_PROGRAMMES} programmes { id, droitsDeSuite, end }`,
  firstLettings: "une liste de { year, droitsUniques }",
  priorDroitsUniques: "une liste de { year, count }",
  end: "une date réelle au format AAAA-MM-JJ (p. ex. \"2030-12-31\")",
  droitsDeSuite: "un nombre entier de droits de suite ≥ 0",
  droitsUniques: "un nombre entier de droits uniques ≥ 0",
};
const COUNT_FORMAT = "un nombre entier ≥ 0";

/** Formats a zod path the way messages name it: ["reservataires", 2, "reserved"] → "reservataires[2].reserved". */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function expectedFormat(path: readonly PropertyKey[]): string {
  const keys = path.filter((segment): segment is string => typeof segment === "string");
  const last = keys.at(-1) ?? "";
  const parent = keys.at(-2);
  return FIELD_FORMATS[`${parent}.${last}`] ?? FIELD_FORMATS[last] ?? COUNT_FORMAT;
}

function describeReceived(input: unknown): string {
  const text = typeof input === "string" ? `"${input}"` : JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Translates zod's issues on a scenario or parameters into catalogue issues with French messages. */
export function toFluxIssues(issues: readonly z.core.$ZodIssue[]): FluxIssue[] {
  const result: FluxIssue[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const params = (issue as { params?: { fluxCode?: FluxValidationCode; render?: Render } }).params;
    if (issue.code === "custom" && params?.fluxCode && params.render) {
      result.push({ path, code: params.fluxCode, message: params.render(path) });
    } else if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = formatPath([...issue.path, key]);
        result.push({ path: keyPath, code: "SCENARIO_CHAMP_INCONNU", message: fluxMessages.SCENARIO_CHAMP_INCONNU(keyPath) });
      }
    } else if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
      result.push({
        path,
        code: "SCENARIO_CHAMP_MANQUANT",
        message: fluxMessages.SCENARIO_CHAMP_MANQUANT(path, expectedFormat(issue.path)),
      });
    } else {
      result.push({
        path,
        code: "SCENARIO_VALEUR_INVALIDE",
        message: fluxMessages.SCENARIO_VALEUR_INVALIDE(path, describeReceived(issue.input), expectedFormat(issue.path)),
      });
    }
  }
  return result;
}

/** Validates an unknown value against a schema and returns either its data or French catalogue issues. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: FluxIssue[] } {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: toFluxIssues(parsed.error.issues) };
}
