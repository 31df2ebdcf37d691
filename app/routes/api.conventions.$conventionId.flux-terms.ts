import type { ActionFunctionArgs } from "@remix-run/node";
import { BailleurDataRefusal, FluxTermsInputSchema, setFluxTerms } from "~/models/bailleur-data.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/**
 * PUT /api/conventions/:id/flux-terms — changes what is negotiated for a bailleur on the convention's territory and
 * year (deductions, shares, droits de suite), shared by every convention of that bailleur, territory and year
 * (docs/api.md).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const input = await readJsonBody(request, FluxTermsInputSchema);
  try {
    return Response.json(await setFluxTerms(deps.db, deps.collab, conventionId, actor, input));
  } catch (error) {
    if (error instanceof BailleurDataRefusal) return Response.json({ code: error.code, message: error.message, field: error.field }, { status: error.status });
    throw error;
  }
}
