import type { ActionFunctionArgs } from "@remix-run/node";
import { EmptySchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { setThreadState } from "~/models/negotiation.server";

/** POST /api/conventions/:id/comments/:commentId/resolve — marks the thread resolved. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  await readJsonBody(request, EmptySchema);
  return Response.json(await setThreadState(deps, conventionId, actor, params.commentId ?? "", "resolve"));
}
