// From a template to the initial state of a convention: meta, default parameters and options, flux lines derived
// from the parties, and the body as the editor's ProseMirror JSON (see docs/decisions/0201-convention-templates-and-body.md).
import type { JSONContent } from "@tiptap/core";

import { defaultOptionValue } from "./options";
import type { TerritoryRef } from "../perimeter/inputs";
import type { ConventionMeta, ConventionParameters, OptionValue, PartyInfo } from "./state";
import type { ConventionTemplate, TemplateSection } from "./template-schema";

export interface ExpandInput {
  /** The convention's id; not written in the body, kept so that callers pass one object everywhere. */
  conventionId: string;
  title: string;
  year: number;
  departement: string;
  /** The territory, resolved against the official geography. */
  territory: TerritoryRef;
  /** ISO date the convention starts. */
  startDate: string;
  parties: PartyInfo[];
}

/** The initial ConventionState minus its id, parties and flux inputs. */
export interface ExpandedConvention {
  meta: ConventionMeta;
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
  body: JSONContent;
}

/** A stable slug of a key or a name: "Flux annuel" → "flux-annuel", "Mairie de Saint-Étienne" → "mairie-de-saint-etienne". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The document id of a template article: the slug of its key ("flux_annuel" → "flux-annuel"). */
export function articleIdOf(key: string): string {
  return slugify(key);
}

/** The document id of a template annexe: "etat_des_lieux" → "annexe-etat-des-lieux". */
export function annexeIdOf(key: string): string {
  return `annexe-${slugify(key)}`;
}

const INLINE_TOKEN = /\{\{([^{}]+)\}\}|\*\*(.+?)\*\*|\*([^*]+?)\*/g;

/** Inline content of one line: text, `{{variable}}` atoms, `**bold**` and `*italic*` marks (variables inside marks stay atoms). */
export function inlineNodes(text: string, marks: JSONContent["marks"] = undefined): JSONContent[] {
  const nodes: JSONContent[] = [];
  const pushText = (value: string) => {
    if (value) nodes.push(marks ? { type: "text", text: value, marks } : { type: "text", text: value });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE_TOKEN)) {
    pushText(text.slice(last, match.index));
    if (match[1] !== undefined) nodes.push({ type: "variable", attrs: { name: match[1].trim() } });
    else if (match[2] !== undefined) nodes.push(...inlineNodes(match[2], [...(marks ?? []), { type: "bold" }]));
    else nodes.push(...inlineNodes(match[3], [...(marks ?? []), { type: "italic" }]));
    last = (match.index ?? 0) + match[0].length;
  }
  pushText(text.slice(last));
  return nodes;
}

function paragraph(lines: readonly string[]): JSONContent {
  const content: JSONContent[] = [];
  lines.forEach((line, index) => {
    if (index > 0) content.push({ type: "hardBreak" });
    content.push(...inlineNodes(line));
  });
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

type LineKind = "bullet" | "ordered" | "quote" | "subheading" | "block" | "text";

function lineKind(line: string): LineKind {
  if (/^- /.test(line)) return "bullet";
  if (/^\d+\. /.test(line)) return "ordered";
  if (/^> /.test(line)) return "quote";
  if (/^### /.test(line)) return "subheading";
  if (/^\[\[[a-z_]+\]\]$/.test(line.trim())) return "block";
  return "text";
}

const stripMarker = (line: string) => line.replace(/^(- |\d+\. |> |### )/, "");

/** ProseMirror blocks of one authored block string (see AuthoredBlockSchema in template-schema.ts). */
export function authoredBlockToNodes(text: string): JSONContent[] {
  const groups: { kind: LineKind; lines: string[] }[] = [];
  for (const line of text.split("\n")) {
    const kind = lineKind(line);
    const previous = groups.at(-1);
    if (previous && previous.kind === kind && kind !== "block" && kind !== "subheading") previous.lines.push(line);
    else groups.push({ kind, lines: [line] });
  }
  return groups.map(({ kind, lines }): JSONContent => {
    const items = lines.map(stripMarker);
    switch (kind) {
      case "bullet":
        return { type: "bulletList", content: items.map((item) => ({ type: "listItem", content: [paragraph([item])] })) };
      case "ordered":
        return {
          type: "orderedList",
          attrs: { start: 1 },
          content: items.map((item) => ({ type: "listItem", content: [paragraph([item])] })),
        };
      case "quote":
        return { type: "blockquote", content: [paragraph(items)] };
      case "subheading":
        return { type: "heading", attrs: { level: 3, section: null, articleId: null }, content: inlineNodes(items[0]) };
      case "block":
        return { type: "computedBlock", attrs: { block: lines[0].trim().slice(2, -2) } };
      default:
        return paragraph(lines);
    }
  });
}

function heading(level: 1 | 2, section: string, articleId: string | null, title: string): JSONContent {
  return { type: "heading", attrs: { level, section, articleId }, content: [{ type: "text", text: title }] };
}

function sectionNodes(section: TemplateSection, kinds: ReadonlySet<string>): JSONContent[] {
  const body = () => section.blocks.flatMap(authoredBlockToNodes);
  switch (section.section) {
    case "titre":
      return body();
    case "article":
      if (section.appliesTo && !section.appliesTo.some((kind) => kinds.has(kind))) return [];
      return [heading(2, "article", articleIdOf(section.key), section.title), ...body()];
    case "annexe":
      return [heading(2, "annexe", annexeIdOf(section.key), section.title), ...body()];
    default:
      return [heading(2, section.section, section.section, section.title), ...body()];
  }
}

/** The option values a new convention starts with: the template's defaults for every option that concerns one of its parties. */
export function defaultOptions(template: ConventionTemplate, kinds: ReadonlySet<string>): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = {};
  for (const option of template.options) {
    if (option.appliesTo && !option.appliesTo.some((kind) => kinds.has(kind))) continue;
    options[option.key] = template.defaults.options[option.key] ?? defaultOptionValue(option);
  }
  return options;
}

/** Expands a template into a new convention's state: meta, parameters, options, flux lines and body. */
export function expandTemplate(template: ConventionTemplate, input: ExpandInput): ExpandedConvention {
  const kinds = new Set(input.parties.map((party) => party.kind));
  const meta: ConventionMeta = {
    templateId: template.id,
    templateVersion: template.version,
    title: input.title,
    year: input.year,
    departement: input.departement,
    territory: input.territory,
    startDate: input.startDate,
    durationYears: template.defaults.durationYears,
  };
  const content: JSONContent[] = [heading(1, "titre", null, input.title)];
  for (const section of template.sections) content.push(...sectionNodes(section, kinds));
  return {
    meta,
    parameters: structuredClone(template.defaults.parameters),
    options: defaultOptions(template, kinds),
    body: { type: "doc", content },
  };
}
