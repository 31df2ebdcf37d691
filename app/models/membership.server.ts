import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { auditEvents, conventionParties, conventions, organisations } from "../../db/schema";
import type { CollabService } from "../collab/service";
import { message } from "../lib/messages";
import { ROLES, type Role } from "../lib/roles";
import { recordAudit } from "./audit.server";

export const MembershipSchema = z.object({
  organisationId: z.string({ message: message("MEMBERSHIP_UNKNOWN_ORGANISATION").message }).min(1).max(64),
  role: z.enum(ROLES, { message: "Le rôle doit être l'un de : edition, commentaire, lecture." }),
});

interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  isPilot: boolean;
}

function refuse(code: Parameters<typeof message>[0], status: number): never {
  throw Response.json(message(code), { status });
}

async function guard(db: Db, conventionId: string, actor: Actor) {
  if (!actor.isPilot || actor.role !== "edition") refuse("MEMBERSHIP_PILOT_ONLY", 403);
  const [c] = await db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  if (c?.status === "signee") refuse("MEMBERSHIP_SIGNED", 409);
}

/**
 * The pilot invites an organisation as a party, or changes a party's role. Audited; open sockets and the flux tables
 * follow at once (a party lowered to `lecture` stops writing, a new réservataire's lines appear).
 */
export async function setParty(
  db: Db,
  collab: CollabService,
  conventionId: string,
  actor: Actor,
  input: z.infer<typeof MembershipSchema>,
) {
  await guard(db, conventionId, actor);
  if (input.organisationId === actor.organisationId && input.role !== "edition") refuse("MEMBERSHIP_PILOT_KEEPS_EDITION", 400);
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!org) refuse("MEMBERSHIP_UNKNOWN_ORGANISATION", 400);
  const previous = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ role: conventionParties.role })
      .from(conventionParties)
      .where(and(eq(conventionParties.conventionId, conventionId), eq(conventionParties.organisationId, org.id)));
    if (existing) {
      await tx
        .update(conventionParties)
        .set({ role: input.role })
        .where(and(eq(conventionParties.conventionId, conventionId), eq(conventionParties.organisationId, org.id)));
    } else {
      // A bailleur's inventory enters a convention only with its consent: it is invited and accepts (or declines).
      const status = org.kind === "bailleur" ? "invitee" : "acceptee";
      await tx.insert(conventionParties).values({ conventionId, organisationId: org.id, role: input.role, status });
    }
    await tx.update(conventions).set({ updatedAt: new Date() }).where(eq(conventions.id, conventionId));
    return existing?.role ?? null;
  });
  await recordAudit(db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "membership",
    details: { organisation: org.id, name: org.name, from: previous, to: input.role },
  });
  await collab.refreshAccess(conventionId);
  return { organisationId: org.id, role: input.role, previous };
}

/** The pilot removes a party (never itself); its members lose access at once, sockets included. */
export async function removeParty(db: Db, collab: CollabService, conventionId: string, actor: Actor, organisationId: string) {
  await guard(db, conventionId, actor);
  if (organisationId === actor.organisationId) refuse("MEMBERSHIP_PILOT_KEEPS_EDITION", 400);
  const removed = await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(conventionParties)
      .where(and(eq(conventionParties.conventionId, conventionId), eq(conventionParties.organisationId, organisationId)))
      .returning({ role: conventionParties.role });
    if (deleted.length === 0) refuse("MEMBERSHIP_NOT_A_PARTY", 404);
    // The row is gone inside the transaction: refusing now rolls the removal back.
    if ((await bailleurCount(tx as unknown as Db, conventionId)) === 0) refuse("MEMBERSHIP_LAST_BAILLEUR", 409);
    return deleted;
  });
  await recordAudit(db, {
    conventionId,
    organisationId: actor.organisationId,
    userId: actor.userId,
    kind: "membership",
    details: { organisation: organisationId, from: removed[0].role, to: null },
  });
  await collab.refreshAccess(conventionId);
  return { organisationId, removed: true };
}

async function bailleurCount(db: Db, conventionId: string): Promise<number> {
  const rows = await db
    .select({ id: organisations.id })
    .from(conventionParties)
    .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
    .where(and(eq(conventionParties.conventionId, conventionId), eq(organisations.kind, "bailleur")));
  return rows.length;
}

export const InvitationSchema = z.object({
  decision: z.enum(["accepter", "refuser"], { message: message("INVITATION_DECISION_INVALID").message }),
});

/**
 * An invited bailleur answers for its organisation: accepting lets its inventory into the convention's figures (its
 * consent), declining removes it from the parties. Audited; open sockets and mirrors follow at once.
 */
export async function answerInvitation(
  db: Db,
  collab: CollabService,
  conventionId: string,
  actor: { userId: string; organisationId: string },
  decision: z.infer<typeof InvitationSchema>["decision"],
) {
  const [c] = await db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  if (c?.status === "signee") refuse("MEMBERSHIP_SIGNED", 409);
  const where = and(
    eq(conventionParties.conventionId, conventionId),
    eq(conventionParties.organisationId, actor.organisationId),
    eq(conventionParties.status, "invitee"),
  );
  await db.transaction(async (tx) => {
    const changed =
      decision === "accepter"
        ? await tx.update(conventionParties).set({ status: "acceptee", respondedAt: new Date() }).where(where).returning({ role: conventionParties.role })
        : await tx.delete(conventionParties).where(where).returning({ role: conventionParties.role });
    if (changed.length === 0) refuse("INVITATION_NONE", 409);
    if (decision === "refuser" && (await bailleurCount(tx as unknown as Db, conventionId)) === 0) refuse("MEMBERSHIP_LAST_BAILLEUR", 409);
    await tx.insert(auditEvents).values({
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "membership",
      details: { organisation: actor.organisationId, invitation: decision === "accepter" ? "acceptee" : "refusee" },
    });
    await tx.update(conventions).set({ updatedAt: new Date() }).where(eq(conventions.id, conventionId));
  });
  await collab.refreshAccess(conventionId);
  return { organisationId: actor.organisationId, status: decision === "accepter" ? "acceptee" : "retiree" };
}
