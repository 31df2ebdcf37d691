import type { ActionFunctionArgs } from "@remix-run/node";
import { PositionSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { statePosition } from "~/models/negotiation.server";

/** POST /api/conventions/:id/positions — states the caller's party's position on a negotiable option (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const input = await readJsonBody(request, PositionSchema);
  return Response.json(await statePosition(deps, conventionId, actor, input), { status: 201 });
}
