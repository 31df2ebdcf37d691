// The catalogue of negotiable options shared by the templates (docs/domain.md, "Le calcul du flux" and "Options and negotiation"), and their validation: a choice that
// exists, figures in range, the référentiel's constraints (requalification ≥ 30 %) and the préfet's legal caps.
import type { z } from "zod";

import { parseDecimal } from "../flux/decimal";
import { compare } from "../flux/rational";
import { formatPercent, parseFrenchDecimal } from "../format";
import { type ConventionIssue, conventionMessages } from "./messages";
import { type ConventionState, MetaSchema, type OptionValue, OptionValueSchema, ParametersSchema } from "./state";
import type { ConventionTemplate, OptionDefinition, OptionDefinitionSchema, OptionParam } from "./template-schema";

/** Least share of Action Logement's annual flux requalified under mixed management (référentiel interbailleurs). */
export const MIN_REQUALIFICATION = "0.30";

const gestion = (who: string, clauses: { directe: string; deleguee: string; mixte: string }) => [
  { value: "directe", label: `Gestion directe par ${who}`, clause: clauses.directe },
  { value: "deleguee", label: "Gestion déléguée au bailleur", clause: clauses.deleguee },
  { value: "mixte", label: "Gestion mixte", clause: clauses.mixte },
];

/** Every option a template may offer, keyed by its stable key. */
export const OPTION_CATALOGUE = {
  gestion_prefet: {
    key: "gestion_prefet",
    label: "Mode de gestion du contingent préfectoral",
    description:
      "Qui désigne les candidats pour les logements du préfet : la DDETS elle-même, le bailleur par délégation, ou les deux selon une répartition annuelle.",
    appliesTo: ["prefet"],
    choices: gestion("la DDETS", {
      directe:
        "La DDETS désigne elle-même, pour chaque logement mis à disposition du préfet, les candidats qu'elle présente à la commission d'attribution.",
      deleguee:
        "Le préfet délègue au bailleur la désignation des candidats de son contingent : le bailleur les retient parmi les ménages prioritaires enregistrés dans SYPLO et rend compte de chaque attribution à la DDETS.",
      mixte:
        "Le contingent préfectoral est géré pour partie directement par la DDETS et pour partie par délégation au bailleur, qui retient alors les candidats parmi les ménages prioritaires enregistrés dans SYPLO. La répartition entre les deux modes est arrêtée chaque année avec la programmation.",
    }),
    default: "mixte",
    negotiable: true,
    constraints: [],
  },
  gestion_action_logement: {
    key: "gestion_action_logement",
    label: "Mode de gestion du flux d'Action Logement",
    description:
      "Gestion directe par AL'in, délégation au bailleur, ou gestion mixte avec une part du flux requalifiée hors AL'in (au moins 30 % du flux annuel).",
    appliesTo: ["action_logement"],
    choices: [
      {
        value: "directe",
        label: "Gestion directe par Action Logement",
        clause:
          "Action Logement Services désigne, au moyen de sa plateforme AL'in, les salariés candidats pour chaque logement que le bailleur met à sa disposition.",
      },
      {
        value: "deleguee",
        label: "Gestion déléguée au bailleur",
        clause:
          "Action Logement Services confie au bailleur la désignation des salariés candidats, que celui-ci identifie dans le fichier partagé de la demande avant de les présenter à la commission d'attribution.",
      },
      {
        value: "mixte",
        label: "Gestion mixte avec requalification",
        clause:
          "Le flux annuel d'Action Logement est géré pour partie par AL'in et pour partie par requalification : au moins {{requalification}} de ce flux est attribué par le bailleur à des salariés repérés hors AL'in, selon des critères arrêtés en commun chaque année, et décompté au titre d'Action Logement.",
        params: [
          { key: "requalification", label: "Part du flux annuel requalifiée", kind: "rate", min: MIN_REQUALIFICATION, max: "1", default: MIN_REQUALIFICATION },
        ],
      },
    ],
    default: "directe",
    negotiable: true,
    constraints: ["REQUALIFICATION_MINIMALE"],
  },
  gestion_collectivites: {
    key: "gestion_collectivites",
    label: "Mode de gestion des contingents des collectivités",
    description: "Désignation des candidats par la collectivité, par le bailleur, ou répartition entre les deux.",
    appliesTo: ["commune", "epci", "departement", "region"],
    choices: gestion("la collectivité", {
      directe:
        "Chaque collectivité réservataire désigne elle-même les candidats qu'elle propose pour les logements mis à sa disposition.",
      deleguee:
        "Les collectivités réservataires confient au bailleur la désignation des candidats, dans le respect des orientations arrêtées par la conférence intercommunale du logement.",
      mixte:
        "Les collectivités désignent directement les candidats d'une partie de leurs logements et en délèguent le reste au bailleur ; la répartition est fixée avec la programmation annuelle.",
    }),
    default: "directe",
    negotiable: true,
    constraints: [],
  },
  decompte: {
    key: "decompte",
    label: "Fait générateur du décompte",
    description:
      "L'événement à partir duquel un logement compte dans l'objectif d'un réservataire, et le sort des refus des candidats.",
    choices: [
      {
        value: "mise_a_disposition",
        label: "À la mise à disposition",
        clause:
          "Un logement compte dans l'objectif du réservataire dès sa mise à disposition, c'est-à-dire dès que le bailleur lui a transmis l'offre d'un logement disponible. Les refus des candidats proposés restent imputés au réservataire, et la commission d'attribution conserve son entière liberté de décision.",
      },
      {
        value: "attribution",
        label: "À la décision d'attribution",
        clause:
          "Un logement compte dans l'objectif du réservataire lorsque la commission d'attribution l'attribue à un candidat que celui-ci a désigné.",
      },
      {
        value: "signature_bail",
        label: "À la signature du bail",
        clause: "Un logement compte dans l'objectif du réservataire à la signature du bail par le ménage qu'il a désigné.",
      },
      {
        value: "entree_dans_les_lieux",
        label: "À l'entrée dans les lieux",
        clause:
          "Un logement compte dans l'objectif du réservataire à l'entrée dans les lieux du ménage qu'il a désigné. Lorsqu'un candidat refuse une proposition adaptée à sa demande, le logement est tout de même imputé au réservataire après ce refus : le bailleur doit les moyens, non le résultat.",
      },
    ],
    default: "mise_a_disposition",
    negotiable: true,
    constraints: [],
  },
  repartition_prefet: {
    key: "repartition_prefet",
    label: "Répartition territoriale du contingent préfectoral",
    description: "Répartition uniforme sur le territoire de la convention, sauf stipulation contraire.",
    appliesTo: ["prefet"],
    choices: [
      {
        value: "uniforme",
        label: "Uniforme sur le territoire",
        clause:
          "Le contingent préfectoral s'applique de la même manière dans chaque commune du territoire de la convention où le bailleur dispose de logements.",
      },
      {
        value: "differenciee",
        label: "Différenciée selon les communes",
        clause:
          "Par exception à la répartition uniforme, le contingent préfectoral est réparti entre les communes du territoire selon les objectifs territoriaux arrêtés chaque année par les parties, sans modifier sa part du flux annuel.",
      },
    ],
    default: "uniforme",
    negotiable: true,
    constraints: [],
  },
  programmes_neufs: {
    key: "programmes_neufs",
    label: "Droits sur les programmes neufs",
    description: "Comment les réservataires sont consultés sur les programmes neufs et s'ils y reçoivent des droits pour un tour.",
    choices: [
      {
        value: "un_tour",
        label: "Droits pour un tour",
        clause:
          "Pour chaque programme neuf, le bailleur consulte au moins trois mois avant la mise en service les réservataires qui ont contribué à son financement ou garanti ses emprunts. Ceux-ci peuvent recevoir des droits limités à la première mise en location : chaque droit s'éteint à la première attribution du logement, qui rejoint ensuite le flux.",
      },
      {
        value: "flux_direct",
        label: "Entrée directe dans le flux",
        clause:
          "Les logements des programmes neufs rejoignent le flux dès leur mise en service, sans droit particulier pour leur première mise en location.",
      },
    ],
    default: "un_tour",
    negotiable: true,
    constraints: [],
  },
  definition_rotation: {
    key: "definition_rotation",
    label: "Définition du taux de rotation",
    description:
      "Quand le taux est calculé sur les données de rotation du bailleur : définition standard (les mutations sont retirées des libérations) ou alternative (elles restent un levier). Le tableau, le texte et l'export suivent ce seul choix.",
    choices: [
      {
        value: "standard",
        label: "Taux standard",
        clause:
          "Lorsque le taux de rotation est calculé sur les données de l'année précédente, les parties retiennent la définition standard : les libérations, diminuées des départs de logements étudiants et spécifiques, des mutations internes et des relogements ANRU, rapportées au parc diminué des logements étudiants, spécifiques, mis en vente ou voués à la démolition.",
      },
      {
        value: "alternative",
        label: "Taux alternatif",
        clause:
          "Lorsque le taux de rotation est calculé sur les données de l'année précédente, les parties retiennent la définition alternative : les libérations, diminuées des départs de logements étudiants et spécifiques et des relogements ANRU, ORCOD et LHI, les mutations internes restant comptées, rapportées au même parc que le taux standard.",
      },
    ],
    default: "standard",
    negotiable: true,
    constraints: [],
  },
  logements_etudiants_specifiques: {
    key: "logements_etudiants_specifiques",
    label: "Logements étudiants et logements spécifiques",
    description:
      "Le référentiel interbailleurs demande de sortir du flux les logements étudiants et les logements spécifiques (foyers, résidences, intermédiation locative) ; la convention peut les y maintenir.",
    choices: [
      {
        value: "exclus",
        label: "Exclus du flux",
        clause:
          "Les logements étudiants et les logements spécifiques (foyers, résidences sociales, logements en intermédiation locative) sont exclus de l'assiette du flux et restent gérés selon leurs règles propres.",
      },
      {
        value: "inclus",
        label: "Inclus dans le flux",
        clause: "Par dérogation, les logements étudiants et les logements spécifiques du bailleur sont inclus dans l'assiette du flux.",
      },
    ],
    default: "exclus",
    negotiable: true,
    constraints: [],
  },
  droits_de_suite: {
    key: "droits_de_suite",
    label: "Droits de suite d'Action Logement",
    description:
      "Conversion des droits d'Action Logement par la méthode de l'assiette, ou transformation de ses droits de suite en droits uniques avec un échéancier.",
    appliesTo: ["action_logement"],
    choices: [
      {
        value: "assiette",
        label: "Méthode de l'assiette",
        clause: "Les droits d'Action Logement sont convertis en flux par la méthode de l'assiette, comme ceux des autres réservataires.",
      },
      {
        value: "transformation",
        label: "Transformation des droits de suite",
        clause:
          "Les droits de suite d'Action Logement sont transformés en droits uniques. Chaque année, pour chaque programme, les droits de suite encore valides sont multipliés par le taux de rotation et par la part de l'année pendant laquelle ils courent encore ; s'y ajoutent les droits uniques déjà négociés et les droits de première location des programmes livrés dans l'année. L'échéancier qui en résulte figure en annexe.",
      },
    ],
    default: "assiette",
    negotiable: true,
    constraints: ["DROITS_DE_SUITE_COHERENTS"],
  },
} satisfies Record<string, z.input<typeof OptionDefinitionSchema>>;

export type OptionKey = keyof typeof OPTION_CATALOGUE;

/** The default value of an option: its default choice with the default of each of that choice's figures. */
export function defaultOptionValue(option: OptionDefinition): OptionValue {
  const choice = option.choices.find((candidate) => candidate.value === option.default);
  const params = Object.fromEntries((choice?.params ?? []).flatMap((param) => (param.default ? [[param.key, param.default]] : [])));
  return Object.keys(params).length > 0 ? { choice: option.default, params } : { choice: option.default };
}

/** The value an option has in a convention: the one set in the document, otherwise the template's default. */
export function currentOptionValue(template: ConventionTemplate, key: string, state: Pick<ConventionState, "options">): OptionValue | undefined {
  const option = template.options.find((candidate) => candidate.key === key);
  if (!option) return undefined;
  return state.options[key] ?? template.defaults.options[key] ?? defaultOptionValue(option);
}

function boundsText(param: OptionParam): string {
  const show = (value: string) => (param.kind === "rate" ? formatPercent(value) : value);
  if (param.min !== undefined && param.max !== undefined) return `compris entre ${show(param.min)} et ${show(param.max)}`;
  if (param.min !== undefined) return `au moins ${show(param.min)}`;
  return `au plus ${show(param.max as string)}`;
}

function checkParam(option: OptionDefinition, param: OptionParam, raw: string | undefined, path: string): ConventionIssue[] {
  if (raw === undefined || raw.trim() === "") {
    return [{ path, code: "OPTION_PARAMETRE_MANQUANT", message: conventionMessages.OPTION_PARAMETRE_MANQUANT(option.label, param.label) }];
  }
  if (param.kind === "text") return [];
  const parsed = param.kind === "rate" ? parseFrenchDecimal(raw) : /^\d+$/.test(raw.trim()) ? raw.trim() : undefined;
  if (parsed === undefined) {
    const expected = param.kind === "rate" ? "un taux, p. ex. 0,30 ou 30 %" : "un nombre entier ≥ 0";
    return [{ path, code: "OPTION_PARAMETRE_INVALIDE", message: conventionMessages.OPTION_PARAMETRE_INVALIDE(option.label, param.label, raw, expected) }];
  }
  // Bounds are compared as exact fractions, like every figure of the flux engine.
  const value = parseDecimal(parsed);
  const tooLow = param.min !== undefined && compare(value, parseDecimal(param.min)) < 0;
  const tooHigh = param.max !== undefined && compare(value, parseDecimal(param.max)) > 0;
  if (tooLow && option.constraints.includes("REQUALIFICATION_MINIMALE") && param.key === "requalification") {
    return [{ path, code: "REQUALIFICATION_INSUFFISANTE", message: conventionMessages.REQUALIFICATION_INSUFFISANTE(parsed, param.min as string) }];
  }
  if (tooLow || tooHigh) {
    const shown = param.kind === "rate" ? formatPercent(parsed) : parsed;
    return [{ path, code: "OPTION_PARAMETRE_HORS_BORNES", message: conventionMessages.OPTION_PARAMETRE_HORS_BORNES(option.label, param.label, shown, boundsText(param)) }];
  }
  return [];
}

/**
 * Checks one option value as the pilot sets it: the option exists in the template, the choice exists, its figures
 * are present and in range (a requalification below 30 % gives REQUALIFICATION_INSUFFISANTE). The state is accepted
 * for future constraints that depend on it; agreement with the flux parameters is `coherenceIssues`' job, so that
 * an option can be changed before or after its parameter.
 */
export function validateOptionValue(
  template: ConventionTemplate,
  key: string,
  value: unknown,
  _state?: ConventionState,
): ConventionIssue[] {
  const path = `options.${key}`;
  const option = template.options.find((candidate) => candidate.key === key);
  if (!option) return [{ path, code: "OPTION_INCONNUE", message: conventionMessages.OPTION_INCONNUE(key) }];
  const parsed = OptionValueSchema.safeParse(value);
  const allowed = option.choices.map((choice) => choice.value);
  if (!parsed.success) {
    return [{ path: `${path}.choice`, code: "OPTION_CHOIX_INCONNU", message: conventionMessages.OPTION_CHOIX_INCONNU(option.label, JSON.stringify(value) ?? "", allowed) }];
  }
  const choice = option.choices.find((candidate) => candidate.value === parsed.data.choice);
  if (!choice) {
    return [{ path: `${path}.choice`, code: "OPTION_CHOIX_INCONNU", message: conventionMessages.OPTION_CHOIX_INCONNU(option.label, parsed.data.choice, allowed) }];
  }
  return (choice.params ?? []).flatMap((param) =>
    checkParam(option, param, parsed.data.params?.[param.key], `${path}.params.${param.key}`),
  );
}

/**
 * Disagreements between an option's text and the flux calculation (ROTATION_DEFINITION_DIFFERENTE,
 * DROITS_DE_SUITE_INCOHERENTS): a transient state while the pilot edits one then the other, so not a reason to refuse
 * an edit, but to show a warning and to block "prête pour signature".
 */
export function coherenceIssues(state: ConventionState, template: ConventionTemplate): ConventionIssue[] {
  const issues: ConventionIssue[] = [];
  for (const option of template.options) {
    const value = currentOptionValue(template, option.key, state);
    if (!value) continue;
    const path = `options.${option.key}.choice`;
    if (option.constraints.includes("DROITS_DE_SUITE_COHERENTS") && state.flux) {
      const alKeys = Object.values(state.flux.holders).filter((h) => h.kind === "action_logement" && h.party).map((h) => h.key);
      const transformed = state.flux.bailleurs.some((b) => alKeys.some((key) => key in b.terms.droitsDeSuite));
      if (alKeys.length > 0 && (value.choice === "transformation") !== transformed) {
        issues.push({ path, code: "DROITS_DE_SUITE_INCOHERENTS", message: conventionMessages.DROITS_DE_SUITE_INCOHERENTS(value.choice) });
      }
    }
  }
  return issues;
}

// zod's own messages are English: every issue without a message of our schemas gets a French one, naming what was
// expected; the schemas' messages (e.g. a rate between 0 % and 100 %) are kept as written.
const FRENCH_DEFAULTS = (issue: { code: string }) =>
  issue.code === "invalid_type"
    ? "type inattendu"
    : issue.code === "too_small" || issue.code === "too_big"
      ? "hors des bornes permises"
      : issue.code === "unrecognized_keys"
        ? "champ inconnu"
        : "hors du format attendu";

function zodIssues(code: "META_INVALIDE" | "PARAMETRES_INVALIDES", prefix: string, error: z.ZodError): ConventionIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].join(".");
    const input = (issue as { input?: unknown }).input;
    const detail = input === undefined ? "valeur obligatoire manquante" : `valeur ${JSON.stringify(input)} refusée : ${issue.message}`;
    const message =
      code === "META_INVALIDE"
        ? conventionMessages.META_INVALIDE(path, detail)
        : conventionMessages.PARAMETRES_INVALIDES(path, detail);
    return { path, code, message };
  });
}

/** Parses with French messages for every issue the schema itself does not word (see FRENCH_DEFAULTS). */
function parseFrench<T extends z.ZodType>(schema: T, value: unknown) {
  return schema.safeParse(value, { reportInput: true, error: FRENCH_DEFAULTS });
}

/**
 * Checks a whole convention state against its template: meta, parameters and lines schemas, parties the template
 * provides for, every option value (choices, figures, requalification ≥ 30 %) and the préfet's caps on negotiated
 * shares. Every issue here is a reason to refuse the change; see `coherenceIssues` for warnings.
 */
export function validateConventionState(state: ConventionState, template: ConventionTemplate): ConventionIssue[] {
  const issues: ConventionIssue[] = [];
  const meta = parseFrench(MetaSchema, state.meta);
  if (!meta.success) issues.push(...zodIssues("META_INVALIDE", "meta", meta.error));
  else if (meta.data.templateId !== template.id) {
    issues.push({ path: "meta.templateId", code: "MODELE_DIFFERENT", message: conventionMessages.MODELE_DIFFERENT(template.id, meta.data.templateId) });
  }
  issues.push(...parameterIssues(state.parameters));
  state.parties.forEach((party, index) => {
    if (party.kind !== "bailleur" && !(template.reservataireKinds as readonly string[]).includes(party.kind)) {
      issues.push({ path: `parties.${index}.kind`, code: "PARTIE_NON_PREVUE", message: conventionMessages.PARTIE_NON_PREVUE(party.name, party.kind, template.title) });
    }
  });
  for (const [key, value] of Object.entries(state.options)) issues.push(...validateOptionValue(template, key, value, state));
  return issues;
}

/** Where the figures a client may try to write in `parameters` are really set (docs/decisions/0011-territory-and-one-apportionment.md). */
const NOT_PARAMETERS: Record<string, string> = {
  rotationRate: "le taux de rotation vient de l'état des lieux ou des données de rotation du bailleur (panneau « Données du bailleur »)",
  rotationMethod: "la définition du taux de rotation est l'option « Définition du taux de rotation »",
  releases: "les libérations de l'année précédente sont des données de rotation du bailleur (panneau « Données du bailleur »)",
  stock: "le parc de l'année précédente fait partie des données de rotation du bailleur (panneau « Données du bailleur »)",
  deductions: "les déductions prévisionnelles se saisissent pour le bailleur et le territoire (panneau « Données du bailleur »)",
};

/** The convention's own settings: known keys only, each within its bounds (French reasons, one per wrong key). */
export function parameterIssues(parameters: unknown): ConventionIssue[] {
  const record = parameters && typeof parameters === "object" ? (parameters as Record<string, unknown>) : {};
  const known = new Set(Object.keys(ParametersSchema.shape));
  const unknown = Object.keys(record).filter((key) => !known.has(key));
  const issues: ConventionIssue[] = unknown.map((key) => ({
    path: `parameters.${key}`,
    code: "PARAMETRES_INVALIDES",
    message: conventionMessages.PARAMETRE_NON_MODIFIABLE(key, NOT_PARAMETERS[key] ?? "ce paramètre n'existe pas"),
  }));
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => known.has(key)));
  const parsed = parseFrench(ParametersSchema, rest);
  if (!parsed.success) issues.push(...zodIssues("PARAMETRES_INVALIDES", "parameters", parsed.error));
  return issues;
}
