import { negotiationApprovals } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, requireNegotiator, type Actor, type NegotiationDeps } from "./context.server";
import { currentSnapshot } from "./snapshot.server";
import { negotiationTransaction } from "./transaction.server";

/**
 * Appends the actor's party's approval of an article as it reads now (its hash, text and quoted parameters), or of its
 * own flux table (`tableau:<bailleur>`): a bailleur approves its table, no one else's, and only once it is computed.
 */
export async function approveArticle(deps: NegotiationDeps, conventionId: string, actor: Actor, articleId: string) {
  requireNegotiator(actor);
  const snap = await currentSnapshot(deps, conventionId);
  const result = await negotiationTransaction(deps.db, conventionId, async (tx) => {
    const table = snap.tables.find((t) => t.id === articleId);
    if (table && table.bailleurId !== actor.organisationId) refuse("APPROVAL_TABLE_OTHER_BAILLEUR", 403);
    if (table && table.text === null) refuse("APPROVAL_TABLE_NOT_COMPUTED", 409);
    const article = table ? { hash: table.hash, title: table.title, text: table.text!, parameters: {} } : snap.articles.find((a) => a.id === articleId);
    if (!article) refuse("APPROVAL_ARTICLE_UNKNOWN");
    const [row] = await tx
      .insert(negotiationApprovals)
      .values({
        conventionId,
        articleId,
        organisationId: actor.organisationId,
        userId: actor.userId,
        hash: article.hash,
        title: article.title,
        text: article.text,
        parameters: article.parameters,
      })
      .returning({ at: negotiationApprovals.createdAt });
    await recordAudit(tx, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "approval",
      details: { article: articleId, hash: article.hash },
    });
    return { article: articleId, party: actor.organisationId, status: "approuve" as const, hash: article.hash, at: row.at.toISOString() };
  });
  await bumpNegotiation(deps.collab, conventionId);
  return result;
}
