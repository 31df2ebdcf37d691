// The shape of a convention template: data validated by zod, written in a compact authoring form (strings with
// {{variables}}, **bold**, *italic*, "- " list lines and [[computed_block]] lines) that `expandTemplate` turns into the
// editor's ProseMirror JSON.
import { z } from "zod";
import { OptionValueSchema, ParametersSchema } from "./state";

/** Kinds of parties a convention may gather (docs/domain.md, "The reform in a few lines"); the préfet is one party with two flux lines. */
export const PARTY_KINDS = [
  "bailleur",
  "prefet",
  "action_logement",
  "commune",
  "epci",
  "departement",
  "region",
  "autre",
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Kinds of réservataire parties: every party kind but the bailleur. */
export const RESERVATAIRE_PARTY_KINDS = PARTY_KINDS.filter((kind) => kind !== "bailleur") as Exclude<
  PartyKind,
  "bailleur"
>[];
const ReservataireKindSchema = z.enum(RESERVATAIRE_PARTY_KINDS as [Exclude<PartyKind, "bailleur">, ...Exclude<PartyKind, "bailleur">[]]);

/** Computed blocks a template may place with a `[[name]]` line; each has a renderer in blocks.ts. */
export const BLOCK_NAMES = [
  "flux_table",
  "droits_de_suite",
  "rotation",
  "deadlines",
  "deadlines_example",
  "etat_des_lieux",
  "reservations",
  "exclusions",
  "contacts",
  "signatures",
] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]*$/, "clé en minuscules, chiffres et _ (p. ex. gestion_prefet)");
const text = z.string().min(1);

/** A figure a choice needs (e.g. the requalified share under mixed management). */
export const OptionParamSchema = z.strictObject({
  key,
  label: text,
  kind: z.enum(["rate", "count", "text"]),
  /** Bounds as decimal strings, compared as exact fractions: for rates as shares ("0.30" = 30 %), for counts as integers. */
  min: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  max: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  /** Used when the convention does not give the figure yet. */
  default: z.string().optional(),
});
export type OptionParam = z.infer<typeof OptionParamSchema>;

export const OptionChoiceSchema = z.strictObject({
  value: key,
  label: text,
  /** The sentence written in the convention when this choice is retained; may hold {{param}} placeholders. */
  clause: text,
  params: z.array(OptionParamSchema).optional(),
});
export type OptionChoice = z.infer<typeof OptionChoiceSchema>;

/** Stable codes of the constraints an option is checked against (see options.ts). */
export const CONSTRAINT_CODES = [
  "REQUALIFICATION_MINIMALE",
  "DECOMPTE_REFUS",
  "DROITS_DE_SUITE_COHERENTS",
] as const;

export const OptionDefinitionSchema = z
  .strictObject({
    key,
    label: text,
    description: text,
    /** Réservataire kinds the option is about; absent = every party. */
    appliesTo: z.array(ReservataireKindSchema).optional(),
    choices: z.array(OptionChoiceSchema).min(1),
    default: key,
    /** True when the parties state positions on it; false for a setting the pilot fixes alone. */
    negotiable: z.boolean(),
    constraints: z.array(z.enum(CONSTRAINT_CODES)).default([]),
  })
  .superRefine((option, ctx) => {
    const values = option.choices.map((choice) => choice.value);
    if (!values.includes(option.default)) {
      ctx.addIssue({ code: "custom", path: ["default"], message: `choix par défaut inconnu : ${option.default}` });
    }
    if (new Set(values).size !== values.length) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "deux choix portent la même valeur" });
    }
  });
export type OptionDefinition = z.infer<typeof OptionDefinitionSchema>;

/**
 * One block of text in authoring form: a paragraph (lines joined by line breaks), "- " lines (a bullet list),
 * "1. " lines (an ordered list), "> " lines (a quotation), "### " (a sub-heading) or a lone "[[block]]" line.
 */
const AuthoredBlockSchema = z.string().min(1);

const blocks = z.array(AuthoredBlockSchema);

const ArticleSchema = z.strictObject({
  section: z.literal("article"),
  /** Stable key; the article's id in the document is its slug. */
  key,
  title: text,
  /** The article is written only when a party of one of these kinds takes part. */
  appliesTo: z.array(ReservataireKindSchema).optional(),
  blocks: blocks.min(1),
});

const AnnexeSchema = z.strictObject({ section: z.literal("annexe"), key, title: text, blocks: blocks.min(1) });

const FixedSectionSchema = z.strictObject({
  section: z.enum(["visas", "preambule", "signatures"]),
  title: text,
  blocks: blocks.min(1),
});

/** The block under the title: the parties' designation. */
const TitreSectionSchema = z.strictObject({ section: z.literal("titre"), blocks: blocks.min(1) });

export const TemplateSectionSchema = z.discriminatedUnion("section", [
  TitreSectionSchema,
  FixedSectionSchema,
  ArticleSchema,
  AnnexeSchema,
]);
export type TemplateSection = z.infer<typeof TemplateSectionSchema>;
export type TemplateArticle = z.infer<typeof ArticleSchema>;

const ORDER = ["titre", "visas", "preambule", "article", "annexe", "signatures"] as const;

export const TemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    title: text,
    description: text,
    /** Réservataire kinds this template is written for. */
    reservataireKinds: z.array(ReservataireKindSchema).min(1),
    /** True when one document gathers several bailleurs and several réservataires. */
    multipartite: z.boolean(),
    /** The kinds of territory the template is written for (a préfectoral convention covers a département…). */
    territoryKinds: z.array(z.enum(["departement", "epci", "communes"])).min(1),
    defaults: z.strictObject({
      parameters: ParametersSchema,
      durationYears: z.number().int().min(1).max(10),
      options: z.record(z.string(), OptionValueSchema),
    }),
    options: z.array(OptionDefinitionSchema),
    sections: z.array(TemplateSectionSchema).min(1),
  })
  .superRefine((template, ctx) => {
    const optionKeys = new Set(template.options.map((option) => option.key));
    if (optionKeys.size !== template.options.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "deux options portent la même clé" });
    }
    for (const [optionKey, value] of Object.entries(template.defaults.options)) {
      const option = template.options.find((candidate) => candidate.key === optionKey);
      if (!option) {
        ctx.addIssue({ code: "custom", path: ["defaults", "options", optionKey], message: "option inconnue" });
      } else if (!option.choices.some((choice) => choice.value === value.choice)) {
        ctx.addIssue({ code: "custom", path: ["defaults", "options", optionKey], message: `choix inconnu : ${value.choice}` });
      }
    }
    const seenKeys = new Set<string>();
    let previous = 0;
    template.sections.forEach((section, index) => {
      const rank = ORDER.indexOf(section.section);
      if (rank < previous) {
        ctx.addIssue({ code: "custom", path: ["sections", index], message: `section « ${section.section} » hors de l'ordre ${ORDER.join(" → ")}` });
      }
      previous = Math.max(previous, rank);
      if (section.section === "article" || section.section === "annexe") {
        if (seenKeys.has(section.key)) {
          ctx.addIssue({ code: "custom", path: ["sections", index, "key"], message: `clé en double : ${section.key}` });
        }
        seenKeys.add(section.key);
      }
      if ("blocks" in section) {
        section.blocks.forEach((block, blockIndex) => {
          for (const match of block.matchAll(/\[\[([^\]]*)\]\]/g)) {
            if (!(BLOCK_NAMES as readonly string[]).includes(match[1])) {
              ctx.addIssue({ code: "custom", path: ["sections", index, "blocks", blockIndex], message: `bloc calculé inconnu : ${match[1]}` });
            }
          }
          for (const match of block.matchAll(/\{\{option(?:_label)?:([^}]*)\}\}/g)) {
            if (!optionKeys.has(match[1])) {
              ctx.addIssue({ code: "custom", path: ["sections", index, "blocks", blockIndex], message: `option inconnue : ${match[1]}` });
            }
          }
        });
      }
    });
    const articles = template.sections.filter((section) => section.section === "article").length;
    if (articles < 1) ctx.addIssue({ code: "custom", path: ["sections"], message: "au moins un article est attendu" });
  });

export type ConventionTemplate = z.infer<typeof TemplateSchema>;
/** What a template file writes (defaults such as `constraints: []` may be left out). */
export type ConventionTemplateInput = z.input<typeof TemplateSchema>;
