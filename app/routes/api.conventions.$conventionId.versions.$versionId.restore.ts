import type { ActionFunctionArgs } from "@remix-run/node";
import { EmptySchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { restoreVersion } from "~/models/negotiation.server";

/** POST /api/conventions/:id/versions/:versionId/restore — the pilot restores a version as a new forward change. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "edition");
  await readJsonBody(request, EmptySchema);
  return Response.json(await restoreVersion(deps, conventionId, actor, params.versionId ?? ""));
}
