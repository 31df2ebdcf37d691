import type { ActionFunctionArgs } from "@remix-run/node";
import { ReplySchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { replyToComment } from "~/models/negotiation.server";

/** POST /api/conventions/:id/comments/:commentId/replies — answers a thread. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const { body } = await readJsonBody(request, ReplySchema);
  return Response.json(await replyToComment(deps, conventionId, actor, params.commentId ?? "", body), { status: 201 });
}
