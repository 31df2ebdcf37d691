// Comments on a bilan: the convention's comment threads (same tables, same audit, same roles), anchored to the
// article id `bilan-<year>`. A bilan is written after signature, so unlike the text's comments these stay open on a
// signed convention: the thread discusses figures, it never changes the signed document.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbTransaction } from "../../../db/client";
import { conventions, negotiationCommentEvents, negotiationComments } from "../../../db/schema";
import { bilanMessages } from "../../domain/decompte/messages";
import { recordAudit } from "../audit.server";
import { listComments } from "../negotiation/comments.server";
import { bumpNegotiation, refuse, requireNegotiator, type Actor, type NegotiationDeps } from "../negotiation/context.server";
import { lockConvention } from "../negotiation/transaction.server";
import { BilanRefusal } from "./bilan.server";

/** The article id a bilan's threads are anchored to. */
export const bilanArticleId = (year: number) => `bilan-${year}`;

/** 404 for a year outside the convention's life (its first year, for its duration). */
async function requireBilanYear(tx: DbTransaction, conventionId: string, year: number) {
  const [row] = await tx.select({ year: conventions.year, duration: conventions.durationYears }).from(conventions).where(eq(conventions.id, conventionId));
  const first = row?.year ?? 0;
  const last = first + (row?.duration ?? 6) - 1;
  if (year < first || year > last) throw new BilanRefusal(404, "BILAN_ANNEE_INVALIDE", bilanMessages.BILAN_ANNEE_INVALIDE(first, last, year), "year");
}

async function requireBilanThread(tx: DbTransaction, conventionId: string, year: number, commentId: string) {
  const [thread] = await tx
    .select({ id: negotiationComments.id, parentId: negotiationComments.parentId, article: negotiationComments.articleId })
    .from(negotiationComments)
    .where(and(eq(negotiationComments.id, commentId), eq(negotiationComments.conventionId, conventionId)));
  if (!thread || thread.parentId || thread.article !== bilanArticleId(year)) refuse("COMMENT_NOT_FOUND", 404);
}

/** Runs a comment write in one transaction that locks the convention's row (ADR 0402), signed or not. */
async function bilanTransaction<T>(deps: NegotiationDeps, conventionId: string, year: number, write: (tx: DbTransaction) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction(async (tx) => {
    await lockConvention(tx, conventionId);
    await requireBilanYear(tx, conventionId, year);
    return write(tx);
  });
  await bumpNegotiation(deps.collab, conventionId);
  return result;
}

export async function addBilanComment(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number, body: string) {
  requireNegotiator(actor);
  const id = randomUUID();
  const article = bilanArticleId(year);
  await bilanTransaction(deps, conventionId, year, async (tx) => {
    await tx.insert(negotiationComments).values({ id, conventionId, parentId: null, organisationId: actor.organisationId, userId: actor.userId, articleId: article, anchor: null, body });
    await recordAudit(tx, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "comment", details: { action: "create", comment: id, article, body } });
  });
  return { id };
}

export async function replyToBilanComment(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number, commentId: string, body: string) {
  requireNegotiator(actor);
  const id = randomUUID();
  await bilanTransaction(deps, conventionId, year, async (tx) => {
    await requireBilanThread(tx, conventionId, year, commentId);
    await tx.insert(negotiationComments).values({ id, conventionId, parentId: commentId, organisationId: actor.organisationId, userId: actor.userId, body });
    await recordAudit(tx, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "comment", details: { action: "reply", comment: commentId, reply: id, body } });
  });
  return { id };
}

export async function setBilanThreadState(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number, commentId: string, action: "resolve" | "reopen") {
  requireNegotiator(actor);
  await bilanTransaction(deps, conventionId, year, async (tx) => {
    await requireBilanThread(tx, conventionId, year, commentId);
    await tx.insert(negotiationCommentEvents).values({ conventionId, commentId, organisationId: actor.organisationId, userId: actor.userId, action });
    await recordAudit(tx, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "comment", details: { action, comment: commentId } });
  });
  return { id: commentId, resolved: action === "resolve" };
}

/** The threads of a bilan, with their replies and state. */
export async function listBilanComments(deps: NegotiationDeps, conventionId: string, year: number) {
  return (await listComments(deps.db, conventionId)).filter((thread) => thread.article === bilanArticleId(year));
}
