import type { ActionFunctionArgs } from "@remix-run/node";
import { ApproveAnnexSchema } from "~/domain/annex/schemas";
import { annexYearParam } from "~/models/annex-http.server";
import { approveAnnex } from "~/models/annex.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/** POST /api/conventions/:id/annexes/:year/approvals — the caller's party approves the annex as it reads now. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "commentaire");
  const year = annexYearParam(params.year);
  const { hash } = await readJsonBody(request, ApproveAnnexSchema);
  return Response.json(await approveAnnex(deps, conventionId, actor, year, hash), { status: 201 });
}
