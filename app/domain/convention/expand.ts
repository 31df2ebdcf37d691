// From a template to the initial state of a convention: meta, default parameters and options, flux lines derived
// from the parties, and the body as the editor's ProseMirror JSON (see docs/decisions/0201-convention-body-format.md).
import type { JSONContent } from "@tiptap/core";

import { defaultOptionValue } from "./options";
import type { ConventionMeta, ConventionParameters, FluxLineConfig, OptionValue, PartyInfo } from "./state";
import type { ConventionTemplate, TemplateSection } from "./template-schema";

export interface ExpandInput {
  /** The convention's id; not written in the body, kept so that callers pass one object everywhere. */
  conventionId: string;
  title: string;
  year: number;
  departement: string;
  epci?: string;
  commune?: string;
  /** ISO date the convention starts. */
  startDate: string;
  parties: PartyInfo[];
  /** The flux lines; derived from the parties' kinds when absent (see defaultLines). */
  lines?: FluxLineConfig[];
}

/** The initial ConventionState minus its id, parties and inventory. */
export interface ExpandedConvention {
  meta: ConventionMeta;
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
  lines: FluxLineConfig[];
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

const LOCAL_KINDS = new Set(["commune", "epci", "autre"]);

/**
 * Flux lines for the parties, in their order: the préfet gets two lines (publics prioritaires, agents de l'État),
 * every other réservataire one; the bailleur none (it is the engine's residual line). A line's id is its kind, with
 * "_2", "_3"… for a second party of the same kind. Its inventoryKey (the value of the inventory's réservataire column)
 * defaults to "ddets-prio", "ddets-fonct", "al", "cd<département>", "region", or the slug of the party's name for
 * communes, EPCIs and other réservataires.
 */
export function defaultLines(parties: readonly PartyInfo[], territory: { departement: string }): FluxLineConfig[] {
  const lines: FluxLineConfig[] = [];
  const used = new Map<string, number>();
  const nextId = (kind: string) => {
    const count = (used.get(kind) ?? 0) + 1;
    used.set(kind, count);
    return count === 1 ? kind : `${kind}_${count}`;
  };
  for (const party of parties) {
    const base = { partyId: party.id, method: "assiette" as const };
    if (party.kind === "prefet") {
      lines.push({ ...base, id: nextId("prefet_prioritaires"), kind: "prefet_prioritaires", label: "Préfet — publics prioritaires", inventoryKey: "ddets-prio" });
      lines.push({ ...base, id: nextId("prefet_fonctionnaires"), kind: "prefet_fonctionnaires", label: "Préfet — agents de l'État", inventoryKey: "ddets-fonct" });
    } else if (party.kind === "action_logement") {
      lines.push({ ...base, id: nextId("action_logement"), kind: "action_logement", label: party.name, inventoryKey: "al" });
    } else if (party.kind === "departement") {
      lines.push({ ...base, id: nextId("departement"), kind: "departement", label: party.name, inventoryKey: `cd${territory.departement.toLowerCase()}` });
    } else if (party.kind === "region") {
      lines.push({ ...base, id: nextId("region"), kind: "region", label: party.name, inventoryKey: "region" });
    } else if (LOCAL_KINDS.has(party.kind)) {
      const kind = party.kind as "commune" | "epci" | "autre";
      lines.push({ ...base, id: nextId(kind), kind, label: party.name, inventoryKey: slugify(party.name) || kind });
    }
  }
  return lines;
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
    ...(input.epci !== undefined ? { epci: input.epci } : {}),
    ...(input.commune !== undefined ? { commune: input.commune } : {}),
    startDate: input.startDate,
    durationYears: template.defaults.durationYears,
  };
  const content: JSONContent[] = [heading(1, "titre", null, input.title)];
  for (const section of template.sections) content.push(...sectionNodes(section, kinds));
  return {
    meta,
    parameters: structuredClone(template.defaults.parameters),
    options: defaultOptions(template, kinds),
    lines: input.lines ? structuredClone(input.lines) : defaultLines(input.parties, input),
    body: { type: "doc", content },
  };
}
