import { randomUUID } from "node:crypto";
import { negotiationComments } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { requireThread } from "./comments.server";
import { bumpNegotiation, requireNegotiator, type Actor, type NegotiationDeps } from "./context.server";
import { negotiationTransaction } from "./transaction.server";

/** Appends a reply to a thread of this convention (404 for a reply or another convention's comment). */
export async function replyToComment(deps: NegotiationDeps, conventionId: string, actor: Actor, commentId: string, body: string) {
  requireNegotiator(actor);
  const id = randomUUID();
  await negotiationTransaction(deps.db, conventionId, async (tx) => {
    await requireThread(tx, conventionId, commentId);
    await tx.insert(negotiationComments).values({
      id,
      conventionId,
      parentId: commentId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      body,
    });
    await recordAudit(tx, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "comment",
      details: { action: "reply", comment: commentId, reply: id, body },
    });
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id };
}
