import { randomUUID } from "node:crypto";
import { negotiationComments } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import type { CommentInput } from "./comments.server";
import { bumpNegotiation, refuse, requireNegotiator, type Actor, type NegotiationDeps } from "./context.server";
import { currentSnapshot } from "./snapshot.server";
import { negotiationTransaction } from "./transaction.server";

/** Opens a thread anchored to an article and/or a text range (relative positions, resolved by the browsers). */
export async function addComment(deps: NegotiationDeps, conventionId: string, actor: Actor, input: CommentInput) {
  requireNegotiator(actor);
  if (!input.article && !input.anchor) refuse("COMMENT_ANCHOR_INVALID");
  const snap = input.article ? await currentSnapshot(deps, conventionId) : null;
  const id = randomUUID();
  await negotiationTransaction(deps.db, conventionId, async (tx) => {
    if (snap && !snap.articles.some((a) => a.id === input.article)) refuse("COMMENT_ANCHOR_INVALID");
    await tx.insert(negotiationComments).values({
      id,
      conventionId,
      parentId: null,
      organisationId: actor.organisationId,
      userId: actor.userId,
      articleId: input.article ?? null,
      anchor: input.anchor ?? null,
      body: input.body,
    });
    await recordAudit(tx, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "comment",
      details: { action: "create", comment: id, article: input.article ?? null, body: input.body },
    });
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id };
}
