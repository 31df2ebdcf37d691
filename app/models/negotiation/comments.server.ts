// Comment threads: the input of a new thread, the thread a reply or a resolve/reopen targets, and the threads as
// the view shows them (the state of a thread is its latest resolve/reopen event).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { negotiationCommentEvents, negotiationComments, organisations, users } from "../../../db/schema";
import { refuse } from "./context.server";

export interface CommentInput {
  body: string;
  article?: string | null;
  anchor?: { from: unknown; to: unknown; quote?: string } | null;
}

/** The thread (a top-level comment) `commentId` of this convention, or 404: replies are not threads. */
export async function requireThread(db: Db, conventionId: string, commentId: string) {
  const [thread] = await db
    .select({ id: negotiationComments.id, parentId: negotiationComments.parentId })
    .from(negotiationComments)
    .where(and(eq(negotiationComments.id, commentId), eq(negotiationComments.conventionId, conventionId)));
  if (!thread || thread.parentId) refuse("COMMENT_NOT_FOUND", 404);
  return thread;
}

export async function listComments(db: Db, conventionId: string) {
  const rows = await db
    .select({
      id: negotiationComments.id,
      parentId: negotiationComments.parentId,
      party: negotiationComments.organisationId,
      partyName: organisations.name,
      author: users.name,
      article: negotiationComments.articleId,
      anchor: negotiationComments.anchor,
      body: negotiationComments.body,
      at: negotiationComments.createdAt,
    })
    .from(negotiationComments)
    .innerJoin(users, eq(users.id, negotiationComments.userId))
    .innerJoin(organisations, eq(organisations.id, negotiationComments.organisationId))
    .where(eq(negotiationComments.conventionId, conventionId))
    .orderBy(asc(negotiationComments.createdAt), asc(negotiationComments.id));
  const events = await db
    .select({ commentId: negotiationCommentEvents.commentId, action: negotiationCommentEvents.action, author: users.name, at: negotiationCommentEvents.createdAt })
    .from(negotiationCommentEvents)
    .innerJoin(users, eq(users.id, negotiationCommentEvents.userId))
    .where(eq(negotiationCommentEvents.conventionId, conventionId))
    .orderBy(asc(negotiationCommentEvents.id));
  const lastEvent = new Map(events.map((e) => [e.commentId, e]));
  const view = (r: (typeof rows)[number]) => ({ id: r.id, party: r.party, partyName: r.partyName, author: r.author, body: r.body, at: r.at.toISOString() });
  return rows
    .filter((r) => !r.parentId)
    .map((r) => {
      const last = lastEvent.get(r.id);
      return {
        ...view(r),
        article: r.article,
        anchor: r.anchor as CommentInput["anchor"],
        resolved: last?.action === "resolve",
        ...(last ? { stateChangedBy: last.author, stateChangedAt: last.at.toISOString() } : {}),
        replies: rows.filter((x) => x.parentId === r.id).map(view),
      };
    });
}
