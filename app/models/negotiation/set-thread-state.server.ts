import { negotiationCommentEvents } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { requireThread } from "./comments.server";
import { bumpNegotiation, requireNegotiator, type Actor, type NegotiationDeps } from "./context.server";
import { negotiationTransaction } from "./transaction.server";

/** Resolves or reopens a thread: an appended event, the latest of which is the thread's state. */
export async function setThreadState(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  commentId: string,
  action: "resolve" | "reopen",
) {
  requireNegotiator(actor);
  await negotiationTransaction(deps.db, conventionId, async (tx) => {
    await requireThread(tx, conventionId, commentId);
    await tx.insert(negotiationCommentEvents).values({ conventionId, commentId, organisationId: actor.organisationId, userId: actor.userId, action });
    await recordAudit(tx, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "comment", details: { action, comment: commentId } });
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id: commentId, resolved: action === "resolve" };
}
