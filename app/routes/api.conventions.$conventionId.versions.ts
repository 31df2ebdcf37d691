import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { VersionSchema } from "~/domain/negotiation/schemas";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";
import { createNamedVersion, listVersions } from "~/models/negotiation.server";

/** GET /api/conventions/:id/versions — the versions, newest first. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await listVersions(deps.db, conventionId));
}

/** POST /api/conventions/:id/versions — the pilot names a snapshot of the current document. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "edition");
  const { name } = await readJsonBody(request, VersionSchema);
  return Response.json(await createNamedVersion(deps, conventionId, actor, name), { status: 201 });
}
