// What every negotiation command shares (ADR 0401): who acts, what it needs, how it refuses, and the bump that tells
// open browsers to refetch once a write has committed.
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import type { CollabService } from "../../collab/service";
import { NEGOTIATION_MAP, NEGOTIATION_REV } from "../../domain/negotiation/live";
import { message, type MessageCode } from "../../lib/messages";
import type { Role } from "../../lib/roles";
import type { ConventionAccess } from "../convention.server";

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

/** The roles whose parties state positions, approve and comment; `lecture` only reads. */
export const NEGOTIATING_ROLES: Role[] = ["edition", "commentaire"];

export function requireNegotiator(actor: Actor) {
  if (!NEGOTIATING_ROLES.includes(actor.role)) refuse("FORBIDDEN_ROLE", 403);
}

/**
 * Tells every open browser that the negotiation changed (they refetch the view). Called after the command's
 * transaction has committed: a browser refetching earlier would not see the write yet.
 */
export async function bumpNegotiation(collab: CollabService, conventionId: string) {
  await collab.updateDocument(conventionId, (doc) => doc.getMap(NEGOTIATION_MAP).set(NEGOTIATION_REV, `${Date.now()}-${randomUUID().slice(0, 8)}`));
}
