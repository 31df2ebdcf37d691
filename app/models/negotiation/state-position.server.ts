import { negotiationPositions } from "../../../db/schema";
import type { PositionValue } from "../../domain/negotiation/positions";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, requireNegotiator, type Actor, type NegotiationDeps } from "./context.server";
import { currentSnapshot } from "./snapshot.server";
import { negotiationTransaction } from "./transaction.server";

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
  requireNegotiator(actor);
  const snap = await currentSnapshot(deps, conventionId);
  const condition = input.position === "sous_conditions" ? (input.condition ?? null) : null;
  const result = await negotiationTransaction(deps.db, conventionId, async (tx) => {
    const option = snap.options.find((o) => o.key === input.option);
    if (!option) refuse("POSITION_OPTION_UNKNOWN");
    const [row] = await tx
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
    await recordAudit(tx, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "position",
      details: { option: option.key, position: input.position, reason: input.reason, condition, optionValue: option.value },
    });
    return { id: row.id, option: option.key, party: actor.organisationId, position: input.position, at: row.at.toISOString() };
  });
  await bumpNegotiation(deps.collab, conventionId);
  return result;
}
