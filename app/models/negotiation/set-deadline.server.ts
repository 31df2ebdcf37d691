import { negotiationDeadlines } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, type Actor, type NegotiationDeps } from "./context.server";
import { currentSnapshot } from "./snapshot.server";
import { negotiationTransaction } from "./transaction.server";

/** The pilot sets (or, with null, removes) the date by which the parties should agree on a negotiable option. */
export async function setOptionDeadline(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  input: { option: string; deadline: string | null },
) {
  if (!actor.isPilot || actor.role !== "edition") refuse("DEADLINE_PILOT_ONLY", 403);
  const snap = await currentSnapshot(deps, conventionId);
  const result = await negotiationTransaction(deps.db, conventionId, async (tx) => {
    if (!snap.options.some((o) => o.key === input.option)) refuse("POSITION_OPTION_UNKNOWN");
    const [row] = await tx
      .insert(negotiationDeadlines)
      .values({ conventionId, option: input.option, deadline: input.deadline, userId: actor.userId, organisationId: actor.organisationId })
      .returning({ at: negotiationDeadlines.createdAt });
    await recordAudit(tx, {
      conventionId,
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: "deadline",
      details: { option: input.option, deadline: input.deadline },
    });
    return { option: input.option, deadline: input.deadline, at: row.at.toISOString() };
  });
  await bumpNegotiation(deps.collab, conventionId);
  return result;
}
