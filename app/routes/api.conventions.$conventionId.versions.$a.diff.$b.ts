import type { LoaderFunctionArgs } from "@remix-run/node";
import { negotiationActor } from "~/models/negotiation-http.server";
import { diffBetweenVersions } from "~/models/negotiation.server";

/** GET /api/conventions/:id/versions/:a/diff/:b — per-article text and parameter changes from version a to b (ids or numbers). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await diffBetweenVersions(deps.db, conventionId, params.a ?? "", params.b ?? ""));
}
