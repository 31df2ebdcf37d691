import type { ActionFunctionArgs } from "@remix-run/node";
import { answerInvitation, InvitationSchema } from "~/models/membership.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/** POST /api/conventions/:id/invitation — an invited bailleur accepts or declines to be a party (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const { decision } = await readJsonBody(request, InvitationSchema);
  return Response.json(await answerInvitation(deps.db, deps.collab, conventionId, actor, decision));
}
