import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GenerateAnnexSchema } from "~/domain/annex/schemas";
import { annexList, generateAnnex } from "~/models/annex.server";
import { methodNotAllowed, negotiationActor, readJsonBody } from "~/models/negotiation-http.server";

/** GET /api/conventions/:id/annexes — the years the convention may have an annex for, and each generated annex. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { deps, conventionId } = await negotiationActor(request, context, params.conventionId, "lecture");
  return Response.json(await annexList(deps, conventionId));
}

/** POST /api/conventions/:id/annexes — the pilot generates the annual annex of a year (docs/api.md). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const { actor, deps, conventionId } = await negotiationActor(request, context, params.conventionId, "edition");
  const { year } = await readJsonBody(request, GenerateAnnexSchema);
  return Response.json(await generateAnnex(deps, conventionId, actor, year), { status: 201 });
}
