// The read side of the negotiation: everything the panel and the read API show, with the reader's authorization
// already checked by the route. Not one transaction: every write commits whole and the tables are append-only, so a
// view read during a write shows it entirely or not at all per table, and the next revision bump refetches.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { negotiationDeadlines, users } from "../../../db/schema";
import { loadConventionState } from "../convention-state.server";
import { listComments } from "./comments.server";
import type { NegotiationDeps } from "./context.server";
import { approvalRows, derive, positionRows } from "./readiness.server";
import { snapshotOf } from "./snapshot.server";
import { statusOf } from "./transaction.server";
import { listVersions } from "./versions.server";
import { CONSENSUS_LABELS, POSITION_LABELS, REVIEW_STATE_LABELS, STATUS_LABELS, labelOf, optionValueText } from "../../domain/vocabulary";

/** The current deadline per option (latest row wins; a null deadline removes it). */
async function currentDeadlines(db: Db, conventionId: string) {
  const rows = await db
    .select({ option: negotiationDeadlines.option, deadline: negotiationDeadlines.deadline, at: negotiationDeadlines.createdAt, author: users.name })
    .from(negotiationDeadlines)
    .innerJoin(users, eq(users.id, negotiationDeadlines.userId))
    .where(eq(negotiationDeadlines.conventionId, conventionId))
    .orderBy(asc(negotiationDeadlines.id));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.option, r);
  return [...latest.values()]
    .filter((r) => r.deadline !== null)
    .map((r) => ({ option: r.option, deadline: r.deadline as string, author: r.author, at: r.at.toISOString() }));
}

/** Everything the negotiation panel and the read API show: status, positions, approvals, comments, versions. */
export async function negotiationView(deps: NegotiationDeps, conventionId: string) {
  const status = await statusOf(deps.db, conventionId);
  const { state } = await loadConventionState(deps.db, deps.collab, conventionId);
  const snap = state ? snapshotOf(state) : null;
  const [positions, approvals, comments, versions, deadlines] = await Promise.all([
    positionRows(deps.db, conventionId),
    approvalRows(deps.db, conventionId),
    listComments(deps.db, conventionId),
    listVersions(deps.db, conventionId),
    currentDeadlines(deps.db, conventionId),
  ]);
  const derived = snap
    ? derive(snap, positions, approvals)
    : { positions: [], approvals: [], consensus: [], readiness: { missingApprovals: [], optionsWithoutConsensus: [] } };
  // Codes stay for programs; each comes with its French label for people (docs/decisions/0603-vocabulary-and-journal.md).
  return {
    status,
    statusLabel: labelOf(STATUS_LABELS, status),
    negotiators: snap?.negotiators ?? [],
    articles: snap?.articles.map((a) => ({ id: a.id, number: a.number, title: a.title, hash: a.hash })) ?? [],
    tables: snap?.tables.map((t) => ({ id: t.id, bailleur: t.bailleurId, title: t.title, hash: t.hash, computed: t.text !== null })) ?? [],
    options: (snap?.options ?? []).map((o) => ({ ...o, valueLabel: optionValueText(o.key, o.value) })),
    ...derived,
    positions: derived.positions.map((p) => ({ ...p, positionLabel: labelOf(POSITION_LABELS, p.position), statusLabel: labelOf(REVIEW_STATE_LABELS, p.status) })),
    approvals: derived.approvals.map((a) => ({ ...a, statusLabel: labelOf(REVIEW_STATE_LABELS, a.status) })),
    consensus: derived.consensus.map((c) => ({ ...c, label: labelOf(CONSENSUS_LABELS, c.state) })),
    // Past its date without consensus, an option is overdue (dates compared as ISO strings, in UTC).
    deadlines: deadlines.map((d) => ({
      ...d,
      overdue: d.deadline < new Date().toISOString().slice(0, 10) && derived.consensus.find((c) => c.option === d.option)?.state !== "consensus",
    })),
    comments,
    versions: versions.map((v) => ({ ...v, statusLabel: labelOf(STATUS_LABELS, v.status) })),
  };
}
