import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/lib/auth.server";
import { CampaignRefusal, sendEtatDesLieux } from "~/models/campaign.server";
import { methodNotAllowed } from "~/models/negotiation-http.server";

/**
 * POST /api/inventories/:importId/envois — the bailleur sends its current état des lieux of that year to every
 * réservataire concerned (docs/api.md): 201 with the recipients and the date.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const user = await requireApiUser(request, context);
  if (user.organisationKind !== "bailleur") return Response.json({ code: "FORBIDDEN_ROLE", message: "Seul un bailleur envoie son état des lieux." }, { status: 403 });
  try {
    const sent = await sendEtatDesLieux(context.db, { importId: params.importId ?? "", bailleurId: user.organisationId, userId: user.id });
    return Response.json(sent, { status: 201 });
  } catch (error) {
    if (error instanceof CampaignRefusal) return Response.json({ code: error.code, message: error.message }, { status: error.status });
    throw error;
  }
}
