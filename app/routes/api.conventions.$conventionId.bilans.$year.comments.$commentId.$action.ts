import type { ActionFunctionArgs } from "@remix-run/node";
import { EmptySchema, ReplySchema } from "~/domain/negotiation/schemas";
import { replyToBilanComment, setBilanThreadState } from "~/models/decompte/bilan-comments.server";
import { answeringBilanRefusals, BilanQuerySchema } from "~/models/decompte/bilan-http.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/** POST /api/conventions/:id/bilans/:year/comments/:cid/(replies|resolve|reopen) — a reply `{ body }`, or a thread's state. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const year = BilanQuerySchema.shape.year.safeParse(params.year);
  const commentId = params.commentId ?? "";
  if (!year.success || !["replies", "resolve", "reopen"].includes(params.action ?? "")) throw Response.json({ code: "NOT_FOUND", message: "Adresse inconnue." }, { status: 404 });
  if (params.action === "replies") {
    const { body } = await readJsonBody(request, ReplySchema);
    return Response.json(await answeringBilanRefusals(() => replyToBilanComment(deps, conventionId, actor, year.data, commentId, body)), { status: 201 });
  }
  await readJsonBody(request, EmptySchema);
  return Response.json(await answeringBilanRefusals(() => setBilanThreadState(deps, conventionId, actor, year.data, commentId, params.action as "resolve" | "reopen")));
}
