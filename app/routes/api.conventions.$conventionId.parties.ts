import type { ActionFunctionArgs } from "@remix-run/node";
import { MembershipSchema, setParty } from "~/models/membership.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/** POST /api/conventions/:id/parties — the pilot invites a party or changes its role (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const input = await readJsonBody(request, MembershipSchema);
  return Response.json(await setParty(deps.db, deps.collab, conventionId, actor, input), { status: 200 });
}
