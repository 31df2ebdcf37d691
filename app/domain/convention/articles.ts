// Reading a convention back: its body split into sections (titre, visas, préambule, articles, annexes, signatures),
// each as plain text with variables resolved and computed blocks written out. The read API, the approvals' hash
// and the DOCX export's checks all read articles through here.
import type { JSONContent } from "@tiptap/core";

import { blockPlainText, renderBlock } from "./blocks";
import { type ConventionFlux, computeConventionFlux } from "./scenario";
import type { ConventionState } from "./state";
import type { ConventionTemplate } from "./template-schema";
import { resolveVariable, variableLabel } from "./variables";

export type SectionKind = "titre" | "visas" | "preambule" | "article" | "annexe" | "signatures";

/** A part of the body: the level-1/2 heading that opens it and the blocks up to the next level-1/2 heading. */
export interface BodySection {
  section: SectionKind | null;
  articleId: string | null;
  level: number;
  heading: JSONContent;
  nodes: JSONContent[];
}

/** An article or an annexe as the read API publishes it. */
export interface ExtractedArticle {
  id: string;
  /** 1-based rank among the articles (or among the annexes). */
  number: number;
  title: string;
  text: string;
}

export interface ExtractOptions {
  /** One flux computation shared by every variable and block; computed once when absent. */
  computed?: ConventionFlux;
  /** The convention's template, for options it defines itself. */
  template?: ConventionTemplate;
}

const SECTION_KINDS = new Set<string>(["titre", "visas", "preambule", "article", "annexe", "signatures"]);

function isSectionHeading(node: JSONContent): boolean {
  const level = Number(node.attrs?.level ?? 0);
  return node.type === "heading" && (level === 1 || level === 2);
}

/** Splits a body into its sections; content before the first level-1/2 heading is left out. */
export function splitSections(body: JSONContent): BodySection[] {
  const sections: BodySection[] = [];
  for (const node of body.content ?? []) {
    if (isSectionHeading(node)) {
      const kind = String(node.attrs?.section ?? "");
      sections.push({
        section: SECTION_KINDS.has(kind) ? (kind as SectionKind) : null,
        articleId: typeof node.attrs?.articleId === "string" && node.attrs.articleId !== "" ? node.attrs.articleId : null,
        level: Number(node.attrs?.level),
        heading: node,
        nodes: [],
      });
    } else {
      sections.at(-1)?.nodes.push(node);
    }
  }
  return sections;
}

interface Renderer {
  state: ConventionState;
  computed: () => ConventionFlux;
  template?: ConventionTemplate;
}

function inlineText(nodes: readonly JSONContent[] | undefined, renderer: Renderer): string {
  let text = "";
  for (const node of nodes ?? []) {
    if (node.type === "text") text += node.text ?? "";
    else if (node.type === "hardBreak") text += "\n";
    else if (node.type === "variable") {
      const name = String(node.attrs?.name ?? "");
      const resolved = resolveVariable(name, renderer.state, renderer.computed(), renderer.template);
      text += resolved.ok ? resolved.text : `[à compléter : ${variableLabel(name, renderer.state)}]`;
    } else text += inlineText(node.content, renderer);
  }
  return text;
}

function blockText(node: JSONContent, renderer: Renderer, indent = ""): string[] {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return [indent + inlineText(node.content, renderer).replaceAll("\n", `\n${indent}`)];
    case "bulletList":
    case "orderedList": {
      const start = Number(node.attrs?.start ?? 1);
      return (node.content ?? []).flatMap((item, index) => {
        const marker = node.type === "bulletList" ? "- " : `${start + index}. `;
        const [first = "", ...rest] = (item.content ?? []).flatMap((child) => blockText(child, renderer, `${indent}  `));
        return [`${indent}${marker}${first.trimStart()}`, ...rest];
      });
    }
    case "blockquote":
      return (node.content ?? []).flatMap((child) => blockText(child, renderer, `${indent}> `));
    case "computedBlock":
      return blockPlainText(renderBlock(String(node.attrs?.block ?? ""), renderer.state, renderer.computed())).split("\n").map((line) => indent + line);
    default:
      return node.content ? node.content.flatMap((child) => blockText(child, renderer, indent)) : [];
  }
}

function rendererOf(state: ConventionState, options: ExtractOptions): Renderer {
  let computed = options.computed;
  return { state, template: options.template, computed: () => (computed ??= computeConventionFlux(state)) };
}

function extract(state: ConventionState, kind: "article" | "annexe", options: ExtractOptions): ExtractedArticle[] {
  const renderer = rendererOf(state, options);
  return splitSections(state.body)
    .filter((section) => section.section === kind && section.level === 2)
    .map((section, index) => ({
      id: section.articleId ?? `${kind}-${index + 1}`,
      number: index + 1,
      title: inlineText(section.heading.content, renderer).trim(),
      text: section.nodes.flatMap((node) => blockText(node, renderer)).join("\n"),
    }));
}

/** The articles in order: id, number (1-based among articles), title, plain text with variables and blocks resolved. */
export function extractArticles(state: ConventionState, options: ExtractOptions = {}): ExtractedArticle[] {
  return extract(state, "article", options);
}

/** The annexes in order, like extractArticles. */
export function extractAnnexes(state: ConventionState, options: ExtractOptions = {}): ExtractedArticle[] {
  return extract(state, "annexe", options);
}

function collect(nodes: readonly JSONContent[] | undefined, type: "variable" | "computedBlock", into: string[]): string[] {
  for (const node of nodes ?? []) {
    if (node.type === type) {
      const name = String((type === "variable" ? node.attrs?.name : node.attrs?.block) ?? "");
      if (!into.includes(name)) into.push(name);
    }
    collect(node.content, type, into);
  }
  return into;
}

/** Names of the body's variables that cannot be resolved (missing data, unknown name), in document order, once each. */
export function unresolvedVariables(state: ConventionState, options: ExtractOptions = {}): string[] {
  const renderer = rendererOf(state, options);
  return collect(state.body.content, "variable", []).filter(
    (name) => !resolveVariable(name, state, renderer.computed(), renderer.template).ok,
  );
}

const FLUX_BLOCKS = new Set(["flux_table", "droits_de_suite", "rotation", "etat_des_lieux", "exclusions"]);

/**
 * The parameters an article depends on, for approvals and diffs: the values of the options it quotes, and when it
 * quotes a flux figure or holds a flux table, what the figures come from (each bailleur's current import, rotation
 * data and negotiated terms, and the options that change the computation).
 */
export function articleParameters(state: ConventionState, articleId: string): Record<string, unknown> {
  const section = splitSections(state.body).find((candidate) => candidate.articleId === articleId);
  if (!section) return {};
  const variables = collect(section.nodes, "variable", []);
  const blocks = collect(section.nodes, "computedBlock", []);
  const options: Record<string, unknown> = {};
  for (const name of variables) {
    const key = /^option(?:_label)?:(.+)$/.exec(name)?.[1];
    if (key) options[key] = state.options[key] ?? null;
  }
  const relevant: Record<string, unknown> = {};
  if (Object.keys(options).length > 0) relevant.options = options;
  if (variables.some((name) => name.startsWith("flux.")) || blocks.some((block) => FLUX_BLOCKS.has(block))) {
    relevant.flux = (state.flux?.bailleurs ?? []).map((b) => ({
      id: b.id,
      status: b.status,
      inventory: b.inventory?.importId ?? null,
      rotation: b.rotation.data,
      terms: b.terms,
    }));
    relevant.computation = {
      definition_rotation: state.options.definition_rotation ?? null,
      logements_etudiants_specifiques: state.options.logements_etudiants_specifiques ?? null,
    };
  }
  return relevant;
}

/** JSON with object keys sorted at every depth and no whitespace: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The canonical string an approval hashes (SHA-256, server-side): the article's id, title and text (numbers are left
 * out, so reordering articles does not void approvals) and the parameters it depends on.
 */
export function articleFingerprint(article: Pick<ExtractedArticle, "id" | "title" | "text">, parametersRelevant: unknown): string {
  return canonicalJson({ v: 1, id: article.id, title: article.title, text: article.text, parameters: parametersRelevant ?? null });
}
