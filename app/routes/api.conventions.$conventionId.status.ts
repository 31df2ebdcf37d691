import type { ActionFunctionArgs } from "@remix-run/node";
import { StatusSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { changeStatus } from "~/models/negotiation.server";

/** POST /api/conventions/:id/status — moves the convention through its status machine, with its guards. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "edition");
  const input = await readJsonBody(request, StatusSchema);
  return Response.json(await changeStatus(deps, conventionId, actor, input));
}
