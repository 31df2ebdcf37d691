import type { LoaderFunctionArgs } from "@remix-run/node";
import { annexYearParam } from "~/models/annex-http.server";
import { readAnnex } from "~/models/annex.server";
import { negotiationActor } from "~/models/negotiation-http.server";

/** GET /api/conventions/:id/annexes/:year — the annex of a year, or what it would be before it is generated. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await readAnnex(deps, conventionId, annexYearParam(params.year)));
}
