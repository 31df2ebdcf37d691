import type { ActionFunctionArgs } from "@remix-run/node";
import { removeParty } from "~/models/membership.server";
import { methodNotAllowed, negotiationActor } from "~/models/negotiation-http.server";

/** DELETE /api/conventions/:id/parties/:organisationId — the pilot removes a party (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await removeParty(deps.db, deps.collab, conventionId, actor, params.organisationId ?? ""));
}
