// Negotiation on a convention (issue 5, ADR 0401): positions, approvals, comments, status and versions. Every table
// is append-only; "current" is derived from the latest row. After each write the server bumps the document's
// negotiation revision so that every open browser refetches.
import { createHash, randomUUID } from "node:crypto";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db/client";
import {
  conventionVersions,
  conventions,
  negotiationApprovals,
  negotiationCommentEvents,
  negotiationComments,
  negotiationDeadlines,
  negotiationPositions,
  organisations,
  users,
} from "../../db/schema";
import { getTemplate } from "../../templates";
import { BODY_FRAGMENT } from "../collab/document";
import { editorSchema } from "../collab/document.server";
import type { CollabService } from "../collab/service";
import { articleFingerprint, articleParameters, canonicalJson, extractArticles } from "../domain/convention/articles";
import { currentOptionValue } from "../domain/convention/options";
import { computeConventionFlux } from "../domain/convention/scenario";
import { type ConventionState } from "../domain/convention/state";
import { wordDiff } from "../domain/negotiation/diff";
import { NEGOTIATION_MAP, NEGOTIATION_REV } from "../domain/negotiation/live";
import {
  currentPositions,
  optionConsensus,
  positionKey,
  positionNeedsReview,
  type ConsensusState,
  type PositionValue,
} from "../domain/negotiation/positions";
import { transitionRefusal, type Readiness } from "../domain/negotiation/status";
import { diffVersions, type VersionContent } from "../domain/negotiation/versions";
import { message, type MessageCode } from "../lib/messages";
import type { Role } from "../lib/roles";
import { STATUS_LABELS, type ConventionStatus } from "../lib/status";
import { replaceConventionData, type ClientData } from "../collab/state";
import { recordAudit } from "./audit.server";
import { prepareSignature, storeSignature } from "./signature.server";
import type { ConventionAccess } from "./convention.server";
import { loadConventionState } from "./convention-state.server";

/** Who acts: the signed-in user, their organisation (the party) and its role on the convention. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  isPilot: boolean;
}

export interface NegotiationDeps {
  db: Db;
  collab: CollabService;
}

/** A refusal as the API returns it: a thrown Response with the French message and its code. */
export function refuse(code: MessageCode, status = 400): never {
  throw Response.json(message(code), { status });
}

export const actorOf = (user: { id: string; organisationId: string }, access: ConventionAccess): Actor => ({
  userId: user.id,
  organisationId: user.organisationId,
  role: access.role,
  isPilot: access.isPilot,
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const NEGOTIATING_ROLES: Role[] = ["edition", "commentaire"];

// ——— The current text, as approvals and positions see it ————————————————————————————————————————————————

interface Snapshot {
  state: ConventionState;
  articles: { id: string; number: number; title: string; text: string; parameters: Record<string, unknown>; hash: string }[];
  options: { key: string; label: string; value: unknown }[];
  /** The parties whose positions and approvals count: those in édition or commentaire. */
  negotiators: string[];
}

function snapshotOf(state: ConventionState): Snapshot {
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
  return { state, articles, options, negotiators: state.parties.filter((p) => NEGOTIATING_ROLES.includes(p.role)).map((p) => p.id) };
}

async function currentSnapshot(deps: NegotiationDeps, conventionId: string, doc?: Y.Doc): Promise<Snapshot> {
  const { state } = await loadConventionState(deps.db, deps.collab, conventionId, doc);
  if (!state) refuse("DOCUMENT_EMPTY", 409);
  return snapshotOf(state);
}

/** Tells every open browser that the negotiation changed (they refetch the view). */
export async function bumpNegotiation(collab: CollabService, conventionId: string) {
  await collab.updateDocument(conventionId, (doc) => doc.getMap(NEGOTIATION_MAP).set(NEGOTIATION_REV, `${Date.now()}-${randomUUID().slice(0, 8)}`));
}

// ——— Status ————————————————————————————————————————————————————————————————————————————————————————————

async function statusOf(db: Db, conventionId: string): Promise<ConventionStatus> {
  const [row] = await db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  return (row?.status ?? "brouillon") as ConventionStatus;
}

/** Conditional update: of two concurrent changes from the same status, only one wins. */
async function writeStatus(db: Db, conventionId: string, from: ConventionStatus, to: ConventionStatus, signatureDate?: string | null): Promise<boolean> {
  const rows = await db
    .update(conventions)
    .set({ status: to, updatedAt: new Date(), ...(signatureDate ? { signatureDate } : {}) })
    .where(and(eq(conventions.id, conventionId), eq(conventions.status, from)))
    .returning({ id: conventions.id });
  return rows.length > 0;
}

// ——— Positions ————————————————————————————————————————————————————————————————————————————————————————————

export interface PositionInput {
  option: string;
  position: PositionValue;
  reason: string;
  condition?: string | null;
  party?: string;
}

/** Appends the actor's party's position on a negotiable option, with the option's value it answers. */
export async function statePosition(deps: NegotiationDeps, conventionId: string, actor: Actor, input: PositionInput) {
  if (input.party !== undefined && input.party !== actor.organisationId) refuse("POSITION_OTHER_PARTY", 403);
  if (!NEGOTIATING_ROLES.includes(actor.role)) refuse("FORBIDDEN_ROLE", 403);
  const snap = await currentSnapshot(deps, conventionId);
  const option = snap.options.find((o) => o.key === input.option);
  if (!option) refuse("POSITION_OPTION_UNKNOWN");
  const condition = input.position === "sous_conditions" ? (input.condition ?? null) : null;
  const [row] = await deps.db
    .insert(negotiationPositions)
    .values({
      conventionId,
      optionKey: option.key,
      organisationId: actor.organisationId,
      userId: actor.userId,
      position: input.position,
      reason: input.reason,
      condition,
      optionValue: option.value,
    })
    .returning({ id: negotiationPositions.id, at: negotiationPositions.createdAt });
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "position",
    details: { option: option.key, position: input.position, reason: input.reason, condition, optionValue: option.value },
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id: row.id, option: option.key, party: actor.organisationId, position: input.position, at: row.at.toISOString() };
}

// ——— Deadlines ———————————————————————————————————————————————————————————————————————————————————————————

/** The pilot sets (or, with null, removes) the date by which the parties should agree on a negotiable option. */
export async function setOptionDeadline(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  input: { option: string; deadline: string | null },
) {
  if (!actor.isPilot || actor.role !== "edition") refuse("DEADLINE_PILOT_ONLY", 403);
  const snap = await currentSnapshot(deps, conventionId);
  if (!snap.options.some((o) => o.key === input.option)) refuse("POSITION_OPTION_UNKNOWN");
  const [row] = await deps.db
    .insert(negotiationDeadlines)
    .values({ conventionId, option: input.option, deadline: input.deadline, userId: actor.userId, organisationId: actor.organisationId })
    .returning({ at: negotiationDeadlines.createdAt });
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "deadline",
    details: { option: input.option, deadline: input.deadline },
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { option: input.option, deadline: input.deadline, at: row.at.toISOString() };
}

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

// ——— Approvals ————————————————————————————————————————————————————————————————————————————————————————————

/** Appends the actor's party's approval of an article as it reads now (its hash, text and quoted parameters). */
export async function approveArticle(deps: NegotiationDeps, conventionId: string, actor: Actor, articleId: string) {
  if (!NEGOTIATING_ROLES.includes(actor.role)) refuse("FORBIDDEN_ROLE", 403);
  const snap = await currentSnapshot(deps, conventionId);
  const article = snap.articles.find((a) => a.id === articleId);
  if (!article) refuse("APPROVAL_ARTICLE_UNKNOWN");
  const [row] = await deps.db
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
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "approval",
    details: { article: articleId, hash: article.hash },
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { article: articleId, party: actor.organisationId, status: "approuve" as const, hash: article.hash, at: row.at.toISOString() };
}

// ——— Comments —————————————————————————————————————————————————————————————————————————————————————————————

export interface CommentInput {
  body: string;
  article?: string | null;
  anchor?: { from: unknown; to: unknown; quote?: string } | null;
}

function requireCommenter(actor: Actor) {
  if (!NEGOTIATING_ROLES.includes(actor.role)) refuse("FORBIDDEN_ROLE", 403);
}

/** Opens a thread anchored to an article and/or a text range (relative positions, resolved by the browsers). */
export async function addComment(deps: NegotiationDeps, conventionId: string, actor: Actor, input: CommentInput) {
  requireCommenter(actor);
  if (!input.article && !input.anchor) refuse("COMMENT_ANCHOR_INVALID");
  if (input.article) {
    const snap = await currentSnapshot(deps, conventionId);
    if (!snap.articles.some((a) => a.id === input.article)) refuse("COMMENT_ANCHOR_INVALID");
  }
  const id = randomUUID();
  await deps.db.insert(negotiationComments).values({
    id,
    conventionId,
    parentId: null,
    organisationId: actor.organisationId,
    userId: actor.userId,
    articleId: input.article ?? null,
    anchor: input.anchor ?? null,
    body: input.body,
  });
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "comment",
    details: { action: "create", comment: id, article: input.article ?? null, body: input.body },
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id };
}

async function requireThread(db: Db, conventionId: string, commentId: string) {
  const [thread] = await db
    .select({ id: negotiationComments.id, parentId: negotiationComments.parentId })
    .from(negotiationComments)
    .where(and(eq(negotiationComments.id, commentId), eq(negotiationComments.conventionId, conventionId)));
  if (!thread || thread.parentId) refuse("COMMENT_NOT_FOUND", 404);
  return thread;
}

export async function replyToComment(deps: NegotiationDeps, conventionId: string, actor: Actor, commentId: string, body: string) {
  requireCommenter(actor);
  await requireThread(deps.db, conventionId, commentId);
  const id = randomUUID();
  await deps.db.insert(negotiationComments).values({
    id,
    conventionId,
    parentId: commentId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    body,
  });
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "comment",
    details: { action: "reply", comment: commentId, reply: id, body },
  });
  await bumpNegotiation(deps.collab, conventionId);
  return { id };
}

export async function setThreadState(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  commentId: string,
  action: "resolve" | "reopen",
) {
  requireCommenter(actor);
  await requireThread(deps.db, conventionId, commentId);
  await deps.db.insert(negotiationCommentEvents).values({ conventionId, commentId, organisationId: actor.organisationId, userId: actor.userId, action });
  await recordAudit(deps.db, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "comment", details: { action, comment: commentId } });
  await bumpNegotiation(deps.collab, conventionId);
  return { id: commentId, resolved: action === "resolve" };
}

// ——— Readiness and status —————————————————————————————————————————————————————————————————————————————————

async function positionRows(db: Db, conventionId: string) {
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

async function approvalRows(db: Db, conventionId: string) {
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

function derive(snap: Snapshot, positions: Awaited<ReturnType<typeof positionRows>>, approvals: Awaited<ReturnType<typeof approvalRows>>) {
  const values = new Map(snap.options.map((o) => [o.key, o.value]));
  const current = currentPositions(positions.map((p) => ({ ...p, position: p.position as PositionValue })));
  const consensus: { option: string; state: ConsensusState }[] = snap.options.map((o) => ({
    option: o.key,
    state: optionConsensus(o.key, snap.negotiators, current, o.value),
  }));
  const latestApproval = new Map<string, (typeof approvals)[number]>();
  for (const a of approvals) latestApproval.set(positionKey(a.article, a.party), a);
  const approvalView = [...latestApproval.values()]
    .filter((a) => snap.articles.some((art) => art.id === a.article))
    .map((a) => {
      const article = snap.articles.find((art) => art.id === a.article)!;
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
    missingApprovals: snap.articles.flatMap((art) =>
      snap.negotiators
        .filter((party) => approvalView.find((a) => a.article === art.id && a.party === party)?.status !== "approuve")
        .map((party) => ({ article: art.id, party })),
    ),
    optionsWithoutConsensus: consensus.filter((c) => c.state !== "consensus").map((c) => c.option),
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
  return {
    status,
    negotiators: snap?.negotiators ?? [],
    articles: snap?.articles.map((a) => ({ id: a.id, number: a.number, title: a.title, hash: a.hash })) ?? [],
    options: snap?.options ?? [],
    ...derived,
    // Past its date without consensus, an option is overdue (dates compared as ISO strings, in UTC).
    deadlines: deadlines.map((d) => ({
      ...d,
      overdue: d.deadline < new Date().toISOString().slice(0, 10) && derived.consensus.find((c) => c.option === d.option)?.state !== "consensus",
    })),
    comments,
    versions,
  };
}

async function listComments(db: Db, conventionId: string) {
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

/** Moves the convention through its status machine; each change is audited and makes an automatic version. */
export async function changeStatus(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  input: { status: ConventionStatus; signatureDate?: string | null },
) {
  const from = await statusOf(deps.db, conventionId);
  const readiness =
    input.status === "prete_pour_signature"
      ? derive(await currentSnapshot(deps, conventionId), await positionRows(deps.db, conventionId), await approvalRows(deps.db, conventionId)).readiness
      : { missingApprovals: [], optionsWithoutConsensus: [] };
  const refusal = transitionRefusal({ from, to: input.status, role: actor.role, isPilot: actor.isPilot, signatureDate: input.signatureDate, readiness });
  if (refusal) {
    const status = refusal === "STATUS_ROLE_REFUSED" || refusal === "STATUS_PILOT_ONLY" ? 403 : 409;
    throw Response.json({ ...message(refusal), ...(refusal.startsWith("STATUS_APPROVALS") || refusal.startsWith("STATUS_CONSENSUS") ? { readiness } : {}) }, { status });
  }
  // Signing freezes what is signed: read it before the status changes (app/models/signature.server.ts).
  const signature = input.status === "signee" && input.signatureDate ? await prepareSignature(deps, conventionId, input.signatureDate) : null;
  if (input.status === "signee" && !signature) refuse("DOCUMENT_EMPTY", 409);
  if (!(await writeStatus(deps.db, conventionId, from, input.status, signature ? input.signatureDate : undefined))) refuse("STATUS_TRANSITION_REFUSED", 409);
  if (signature) await storeSignature(deps.db, conventionId, actor.userId, signature);
  // The collaboration server follows the status at once: signing freezes the text (open sockets turn read-only),
  // and "prête pour signature" makes the next edit send the convention back to negotiation.
  await deps.collab.refreshAccess(conventionId);
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "status",
    details: { from, to: input.status, ...(input.signatureDate ? { signatureDate: input.signatureDate } : {}) },
  });
  await createVersion(deps, conventionId, actor, { name: `Passage au statut « ${STATUS_LABELS[input.status]} »`, automatic: true });
  await bumpNegotiation(deps.collab, conventionId);
  return { status: input.status, from };
}

/**
 * Called by the collaboration server after a client changed the document: a "prête pour signature" convention goes
 * back to "en négociation" (audited, with an automatic version). Cheap when the status is anything else.
 */
export async function noteClientEdit(deps: NegotiationDeps, conventionId: string, editor: { userId: string; organisationId: string }) {
  if ((await statusOf(deps.db, conventionId)) !== "prete_pour_signature") return false;
  if (!(await writeStatus(deps.db, conventionId, "prete_pour_signature", "en_negociation"))) return false;
  const actor: Actor = { ...editor, role: "edition", isPilot: false };
  await recordAudit(deps.db, {
    conventionId,
    organisationId: editor.organisationId,
    userId: editor.userId,
    kind: "status",
    details: { from: "prete_pour_signature", to: "en_negociation", reason: "modification du texte" },
  });
  await createVersion(deps, conventionId, actor, { name: "Retour en négociation après modification", automatic: true });
  await bumpNegotiation(deps.collab, conventionId);
  return true;
}

// ——— Versions —————————————————————————————————————————————————————————————————————————————————————————————

function contentOf(snap: Snapshot): VersionContent {
  const { state } = snap;
  return {
    body: state.body,
    articles: snap.articles.map(({ id, number, title, text, parameters }) => ({ id, number, title, text, parameters })),
    meta: state.meta as unknown as Record<string, unknown>,
    parameters: state.parameters as unknown as Record<string, unknown>,
    options: state.options,
    lines: state.lines,
  };
}

/** Stores a snapshot of the live document: its Yjs state and its extracted content. */
export async function createVersion(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Pick<Actor, "userId" | "organisationId"> | null,
  input: { name: string; automatic: boolean },
) {
  const doc = await deps.collab.readDocument(conventionId);
  try {
    const snap = await currentSnapshot(deps, conventionId, doc);
    const status = await statusOf(deps.db, conventionId);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const content = contentOf(snap);
    for (let attempt = 0; ; attempt++) {
      try {
        const [{ next }] = await deps.db
          .select({ next: sql<number>`coalesce(${max(conventionVersions.number)}, 0) + 1` })
          .from(conventionVersions)
          .where(eq(conventionVersions.conventionId, conventionId));
        const id = randomUUID();
        const number = Number(next);
        await deps.db.insert(conventionVersions).values({
          id,
          conventionId,
          number,
          name: input.name,
          automatic: input.automatic,
          status,
          organisationId: actor?.organisationId ?? null,
          userId: actor?.userId ?? null,
          snapshot,
          content,
        });
        await recordAudit(deps.db, {
          conventionId,
          organisationId: actor?.organisationId ?? null,
          userId: actor?.userId ?? null,
          kind: "version",
          details: { action: "create", version: id, number, name: input.name, automatic: input.automatic },
        });
        return { id, number, name: input.name };
      } catch (error) {
        // Two versions taken at once race for the same number: the unique index refuses one, which takes the next.
        if (attempt >= 3) throw error;
      }
    }
  } finally {
    doc.destroy();
  }
}

/** A version named by the pilot. */
export async function createNamedVersion(deps: NegotiationDeps, conventionId: string, actor: Actor, name: string) {
  if (!actor.isPilot) refuse("VERSION_PILOT_ONLY", 403);
  const version = await createVersion(deps, conventionId, actor, { name, automatic: false });
  await bumpNegotiation(deps.collab, conventionId);
  return version;
}

export async function listVersions(db: Db, conventionId: string) {
  const rows = await db
    .select({
      id: conventionVersions.id,
      number: conventionVersions.number,
      name: conventionVersions.name,
      automatic: conventionVersions.automatic,
      status: conventionVersions.status,
      author: users.name,
      at: conventionVersions.createdAt,
    })
    .from(conventionVersions)
    .leftJoin(users, eq(users.id, conventionVersions.userId))
    .where(eq(conventionVersions.conventionId, conventionId))
    .orderBy(desc(conventionVersions.number));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

async function versionContent(db: Db, conventionId: string, ref: string) {
  const byNumber = /^\d{1,9}$/.test(ref);
  const [row] = await db
    .select({ id: conventionVersions.id, number: conventionVersions.number, name: conventionVersions.name, content: conventionVersions.content })
    .from(conventionVersions)
    .where(and(eq(conventionVersions.conventionId, conventionId), byNumber ? eq(conventionVersions.number, Number(ref)) : eq(conventionVersions.id, ref)));
  if (!row) refuse("VERSION_NOT_FOUND", 404);
  return { ...row, content: row.content as VersionContent };
}

/** Per-article differences between two versions (by id or number). */
export async function diffBetweenVersions(db: Db, conventionId: string, a: string, b: string) {
  const [va, vb] = [await versionContent(db, conventionId, a), await versionContent(db, conventionId, b)];
  return { from: { id: va.id, number: va.number, name: va.name }, to: { id: vb.id, number: vb.number, name: vb.name }, ...diffVersions(va.content, vb.content) };
}

/**
 * Restores a version as a new forward change: the body fragment is transformed into the version's (y-tiptap diffs
 * it, so concurrent readers keep their carets where the text did not change) and the data maps get its values, in
 * one server transaction. History is kept; an automatic version records the result.
 */
export async function restoreVersion(deps: NegotiationDeps, conventionId: string, actor: Actor, ref: string) {
  if (!actor.isPilot) refuse("VERSION_PILOT_ONLY", 403);
  const from = await statusOf(deps.db, conventionId);
  if (from === "signee") refuse("STATUS_SIGNED_LOCKED", 409);
  const version = await versionContent(deps.db, conventionId, ref);
  const c = version.content;
  await deps.collab.updateDocument(conventionId, (doc) => {
    prosemirrorJSONToYXmlFragment(editorSchema(), c.body, doc.getXmlFragment(BODY_FRAGMENT));
    // Only what clients write comes back: meta, the inventory and the parties are the server's, from the database.
    replaceConventionData(doc, { parameters: c.parameters, options: c.options, lines: c.lines } as ClientData);
  });
  await recordAudit(deps.db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "version",
    details: { action: "restore", version: version.id, number: version.number, name: version.name },
  });
  if (from === "prete_pour_signature" && (await writeStatus(deps.db, conventionId, from, "en_negociation")))
    await recordAudit(deps.db, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "status",
      details: { from, to: "en_negociation", reason: "restauration d'une version" },
    });
  const created = await createVersion(deps, conventionId, actor, { name: `Restauration de la version ${version.number} (${version.name})`, automatic: true });
  await bumpNegotiation(deps.collab, conventionId);
  return { restored: { id: version.id, number: version.number }, version: created };
}
