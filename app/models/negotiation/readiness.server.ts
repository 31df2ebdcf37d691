// Positions and approvals as stored, and what is current, "à revoir", in consensus and missing for "prête pour
// signature" against a snapshot of the text (ADR 0401). Shared by the view and the status command.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { negotiationApprovals, negotiationPositions, organisations, users } from "../../../db/schema";
import { canonicalJson } from "../../domain/convention/articles";
import { wordDiff } from "../../domain/negotiation/diff";
import {
  currentPositions,
  optionConsensus,
  positionKey,
  positionNeedsReview,
  type ConsensusState,
  type PositionValue,
} from "../../domain/negotiation/positions";
import type { Readiness } from "../../domain/negotiation/status";
import type { PartyInfo } from "../../domain/convention/state";
import { signatureBlockGaps } from "../../domain/legal/completeness";
import type { Snapshot } from "./snapshot.server";

export async function positionRows(db: Db, conventionId: string) {
  return db
    .select({
      option: negotiationPositions.optionKey,
      party: negotiationPositions.organisationId,
      partyName: organisations.name,
      position: negotiationPositions.position,
      reason: negotiationPositions.reason,
      condition: negotiationPositions.condition,
      optionValue: negotiationPositions.optionValue,
      author: users.name,
      at: negotiationPositions.createdAt,
    })
    .from(negotiationPositions)
    .innerJoin(users, eq(users.id, negotiationPositions.userId))
    .innerJoin(organisations, eq(organisations.id, negotiationPositions.organisationId))
    .where(eq(negotiationPositions.conventionId, conventionId))
    .orderBy(asc(negotiationPositions.id));
}

export async function approvalRows(db: Db, conventionId: string) {
  return db
    .select({
      article: negotiationApprovals.articleId,
      party: negotiationApprovals.organisationId,
      partyName: organisations.name,
      hash: negotiationApprovals.hash,
      title: negotiationApprovals.title,
      text: negotiationApprovals.text,
      parameters: negotiationApprovals.parameters,
      author: users.name,
      at: negotiationApprovals.createdAt,
    })
    .from(negotiationApprovals)
    .innerJoin(users, eq(users.id, negotiationApprovals.userId))
    .innerJoin(organisations, eq(organisations.id, negotiationApprovals.organisationId))
    .where(eq(negotiationApprovals.conventionId, conventionId))
    .orderBy(asc(negotiationApprovals.id));
}

/** Every party whose signature block misses a field, with what is missing (in the form's order). */
export function incompleteSignatureBlocks(parties: readonly PartyInfo[]): NonNullable<Readiness["incompleteSignatureBlocks"]> {
  return parties.flatMap((party) => {
    const missing = signatureBlockGaps(party);
    return missing.length > 0 ? [{ party: party.id, partyName: party.name, missing }] : [];
  });
}

/** Each position with its currency, the latest approval per article × party, consensus per option, readiness. */
export function derive(snap: Snapshot, positions: Awaited<ReturnType<typeof positionRows>>, approvals: Awaited<ReturnType<typeof approvalRows>>) {
  const values = new Map(snap.options.map((o) => [o.key, o.value]));
  const current = currentPositions(positions.map((p) => ({ ...p, position: p.position as PositionValue })));
  const consensus: { option: string; state: ConsensusState }[] = snap.options.map((o) => ({
    option: o.key,
    state: optionConsensus(o.key, snap.negotiators, current, o.value),
  }));
  const latestApproval = new Map<string, (typeof approvals)[number]>();
  for (const a of approvals) latestApproval.set(positionKey(a.article, a.party), a);
  // Articles are approved by every negotiating party; a bailleur's flux table by that bailleur alone.
  const items = [
    ...snap.articles.map((art) => ({ ...art, approvers: snap.negotiators })),
    ...snap.tables.map((table) => ({ id: table.id, title: table.title, text: table.text ?? "", parameters: {}, hash: table.hash, approvers: [table.bailleurId] })),
  ];
  const approvalView = [...latestApproval.values()]
    .filter((a) => items.some((item) => item.id === a.article))
    .map((a) => {
      const article = items.find((item) => item.id === a.article)!;
      const fresh = a.hash === article.hash;
      return {
        article: a.article,
        party: a.party,
        partyName: a.partyName,
        status: fresh ? ("approuve" as const) : ("a_revoir" as const),
        author: a.author,
        at: a.at.toISOString(),
        hash: a.hash,
        ...(fresh
          ? {}
          : {
              currentHash: article.hash,
              diff: wordDiff(`${a.title}\n${a.text}`, `${article.title}\n${article.text}`),
              parametersChanged: canonicalJson(a.parameters ?? {}) !== canonicalJson(article.parameters),
            }),
      };
    });
  const readiness: Readiness = {
    missingApprovals: items.flatMap((item) =>
      item.approvers
        .filter((party) => approvalView.find((a) => a.article === item.id && a.party === party)?.status !== "approuve")
        .map((party) => ({ article: item.id, party })),
    ),
    optionsWithoutConsensus: consensus.filter((c) => c.state !== "consensus").map((c) => c.option),
    incompleteSignatureBlocks: incompleteSignatureBlocks(snap.state.parties),
  };
  const lastIndex = new Map<string, number>();
  positions.forEach((p, i) => lastIndex.set(positionKey(p.option, p.party), i));
  const positionView = positions.map((p, i) => {
    const isCurrent = lastIndex.get(positionKey(p.option, p.party)) === i;
    return {
      option: p.option,
      party: p.party,
      partyName: p.partyName,
      position: p.position as PositionValue,
      reason: p.reason,
      condition: p.condition,
      author: p.author,
      at: p.at.toISOString(),
      current: isCurrent,
      status: positionNeedsReview(p, values.get(p.option) ?? null) ? ("a_revoir" as const) : ("a_jour" as const),
    };
  });
  return { positions: positionView, approvals: approvalView, consensus, readiness };
}
