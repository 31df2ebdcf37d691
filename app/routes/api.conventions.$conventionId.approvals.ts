import type { ActionFunctionArgs } from "@remix-run/node";
import { ApprovalSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { approveArticle } from "~/models/negotiation.server";

/** POST /api/conventions/:id/approvals — the caller's party approves an article as it reads now. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const { article } = await readJsonBody(request, ApprovalSchema);
  return Response.json(await approveArticle(deps, conventionId, actor, article), { status: 201 });
}
