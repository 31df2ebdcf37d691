// The current text as approvals, positions and versions see it: articles with their fingerprint hashes, the
// negotiable options with their values, the negotiating parties (ADR 0401, "À revoir" is derived).
import { createHash } from "node:crypto";
import type * as Y from "yjs";
import { getTemplate } from "../../../templates";
import { articleFingerprint, articleParameters, extractArticles } from "../../domain/convention/articles";
import { currentOptionValue } from "../../domain/convention/options";
import { bailleurTableText } from "../../domain/convention/blocks";
import { computeConventionFlux } from "../../domain/convention/scenario";
import type { ConventionState } from "../../domain/convention/state";
import type { VersionContent } from "../../domain/negotiation/versions";
import { loadConventionState } from "../convention-state.server";
import { NEGOTIATING_ROLES, refuse, type NegotiationDeps } from "./context.server";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The approval key of a bailleur's flux table (stored where an article's id is). */
export const tableApprovalId = (bailleurId: string) => `tableau:${bailleurId}`;

export interface Snapshot {
  state: ConventionState;
  articles: { id: string; number: number; title: string; text: string; parameters: Record<string, unknown>; hash: string }[];
  /**
   * Each bailleur's flux table, approved by that bailleur alone (docs/domain.md, "Une répartition par bailleur"); its
   * hash covers the table's figures, so that an approval is « à revoir » once they change. `text` is null while the
   * table is not computed (it cannot be approved then).
   */
  tables: { id: string; bailleurId: string; title: string; text: string | null; hash: string }[];
  options: { key: string; label: string; value: unknown }[];
  /** The parties whose positions and approvals count: those in édition or commentaire. */
  negotiators: string[];
}

export function snapshotOf(state: ConventionState): Snapshot {
  const template = getTemplate(state.meta.templateId);
  const flux = computeConventionFlux(state);
  const articles = extractArticles(state, { computed: flux, template }).map((a) => {
    const parameters = articleParameters(state, a.id);
    return { ...a, parameters, hash: sha256(articleFingerprint(a, parameters)) };
  });
  const kinds = new Set(state.parties.map((p) => p.kind));
  const options = (template?.options ?? [])
    .filter((o) => o.negotiable && (!o.appliesTo || o.appliesTo.some((k) => kinds.has(k))))
    .map((o) => ({ key: o.key, label: o.label, value: currentOptionValue(template!, o.key, state) ?? null }));
  const tables = flux.tables.map((table) => {
    const text = bailleurTableText(state, table);
    return {
      id: tableApprovalId(table.bailleur.id),
      bailleurId: table.bailleur.id,
      title: `Tableau du flux — ${table.bailleur.name}`,
      text,
      hash: sha256(text ?? `non calculé:${table.missing.join("|")}`),
    };
  });
  return { state, articles, tables, options, negotiators: state.parties.filter((p) => NEGOTIATING_ROLES.includes(p.role)).map((p) => p.id) };
}

/**
 * The snapshot of the live document, or of `doc` when given. Inside a transaction, pass the transaction as
 * `deps.db` and a document read beforehand: reading the live document may open its room, which queries the
 * database outside the transaction.
 */
export async function currentSnapshot(deps: NegotiationDeps, conventionId: string, doc?: Y.Doc): Promise<Snapshot> {
  const { state } = await loadConventionState(deps.db, deps.collab, conventionId, doc);
  if (!state) refuse("DOCUMENT_EMPTY", 409);
  return snapshotOf(state);
}

/** What a version keeps besides the Yjs state: the content diffs compare without replaying Yjs. */
export function contentOf(snap: Snapshot): VersionContent {
  const { state } = snap;
  return {
    body: state.body,
    articles: snap.articles.map(({ id, number, title, text, parameters }) => ({ id, number, title, text, parameters })),
    meta: state.meta as unknown as Record<string, unknown>,
    parameters: state.parameters as unknown as Record<string, unknown>,
    options: state.options,
    flux: (state.flux?.bailleurs ?? []).map((b) => ({ id: b.id, inventory: b.inventory?.importId ?? null, rotation: b.rotation.data, terms: b.terms })),
  };
}
