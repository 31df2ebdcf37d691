import type { LoaderFunctionArgs } from "@remix-run/node";
import { negotiationActor } from "~/models/negotiation-http.server";
import { negotiationView } from "~/models/negotiation.server";
import { listAudit } from "~/models/audit.server";

/** GET /api/conventions/:id/negotiation — status, positions, consensus, approvals, comments, versions and audit trail. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  const [view, audit] = await Promise.all([negotiationView(deps, conventionId), listAudit(deps.db, conventionId)]);
  return Response.json({ ...view, audit });
}
