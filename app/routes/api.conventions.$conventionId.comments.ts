import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CommentSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { addComment, negotiationView } from "~/models/negotiation.server";

/** GET /api/conventions/:id/comments — the threads with their replies (every party, lecture included). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json((await negotiationView(deps, conventionId)).comments);
}

/** POST /api/conventions/:id/comments — opens a thread on an article or a text range. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const input = await readJsonBody(request, CommentSchema);
  return Response.json(await addComment(deps, conventionId, actor, input), { status: 201 });
}
