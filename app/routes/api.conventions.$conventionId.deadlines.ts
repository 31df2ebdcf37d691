import type { ActionFunctionArgs } from "@remix-run/node";
import { DeadlineSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { setOptionDeadline } from "~/models/negotiation.server";

/** POST /api/conventions/:id/deadlines — the pilot sets or removes an option's deadline (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const input = await readJsonBody(request, DeadlineSchema);
  return Response.json(await setOptionDeadline(deps, conventionId, actor, input), { status: 201 });
}
