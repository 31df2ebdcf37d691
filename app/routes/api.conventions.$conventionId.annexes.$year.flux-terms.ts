import type { ActionFunctionArgs } from "@remix-run/node";
import { annexYearParam } from "~/models/annex-http.server";
import { setAnnexTerms } from "~/models/annex.server";
import { BailleurDataRefusal, FluxTermsInputSchema } from "~/models/bailleur-data.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/**
 * PUT /api/conventions/:id/annexes/:year/flux-terms — what is negotiated for a bailleur on the convention's territory
 * for a later year of the convention (deductions, shares, droits de suite), as PUT …/flux-terms is for its own year.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "edition");
  const year = annexYearParam(params.year);
  const input = await readJsonBody(request, FluxTermsInputSchema);
  try {
    return Response.json(await setAnnexTerms(deps, conventionId, actor, year, input));
  } catch (error) {
    if (error instanceof BailleurDataRefusal) return Response.json({ code: error.code, message: error.message, field: error.field }, { status: error.status });
    throw error;
  }
}
