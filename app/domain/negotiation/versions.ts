// What a version keeps besides its Yjs snapshot, and the per-article comparison of two versions.
import type { JSONContent } from "@tiptap/core";
import { canonicalJson } from "../convention/articles";
import { wordDiff, type DiffPart } from "./diff";

export interface VersionArticle {
  id: string;
  number: number;
  title: string;
  text: string;
  parameters: Record<string, unknown>;
}

export interface VersionContent {
  body: JSONContent;
  articles: VersionArticle[];
  meta: Record<string, unknown>;
  parameters: Record<string, unknown>;
  options: Record<string, unknown>;
  /** What the flux figures came from (per bailleur: import, rotation data, negotiated terms); absent in old versions. */
  flux?: unknown;
}

export interface ArticleDiff {
  id: string;
  title: string;
  change: "identique" | "modifie" | "ajoute" | "supprime";
  text: DiffPart[];
  /** Keys of the quoted parameters/options whose values differ. */
  parameters: string[];
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ""): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  const out: string[] = [];
  for (const k of [...keys].sort()) {
    const va = a?.[k];
    const vb = b?.[k];
    if (canonicalJson(va ?? null) === canonicalJson(vb ?? null)) continue;
    const bothObjects = va && vb && typeof va === "object" && typeof vb === "object" && !Array.isArray(va) && !Array.isArray(vb);
    if (bothObjects) out.push(...changedKeys(va as Record<string, unknown>, vb as Record<string, unknown>, `${prefix}${k}.`));
    else out.push(`${prefix}${k}`);
  }
  return out;
}

/** Per-article differences of text and quoted parameters from version `a` to version `b`, plus the global data. */
export function diffVersions(a: VersionContent, b: VersionContent) {
  const before = new Map(a.articles.map((x) => [x.id, x]));
  const after = new Map(b.articles.map((x) => [x.id, x]));
  const articles: ArticleDiff[] = [];
  for (const art of b.articles) {
    const old = before.get(art.id);
    if (!old) {
      articles.push({ id: art.id, title: art.title, change: "ajoute", text: [{ op: "added", text: art.text }], parameters: [] });
      continue;
    }
    const text = wordDiff(`${old.title}\n${old.text}`, `${art.title}\n${art.text}`);
    const parameters = changedKeys(old.parameters, art.parameters);
    const same = text.every((p) => p.op === "same") && parameters.length === 0;
    articles.push({ id: art.id, title: art.title, change: same ? "identique" : "modifie", text, parameters });
  }
  for (const old of a.articles)
    if (!after.has(old.id)) articles.push({ id: old.id, title: old.title, change: "supprime", text: [{ op: "removed", text: old.text }], parameters: [] });
  return {
    articles,
    parameters: changedKeys(a.parameters, b.parameters),
    options: changedKeys(a.options, b.options),
    flux: canonicalJson(a.flux ?? null) !== canonicalJson(b.flux ?? null),
  };
}
