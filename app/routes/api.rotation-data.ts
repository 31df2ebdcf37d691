import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/lib/auth.server";
import { BailleurDataRefusal, RotationDataInputSchema, setRotationData } from "~/models/bailleur-data.server";
import { methodNotAllowed, readJsonBody } from "~/models/negotiation-http.server";

/** PUT /api/rotation-data — a bailleur enters its rotation data of year n-1 for a département and year (docs/api.md). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") methodNotAllowed();
  const user = await requireApiUser(request, context);
  const input = await readJsonBody(request, RotationDataInputSchema);
  try {
    return Response.json(await setRotationData(context.db, context.collab, { userId: user.id, organisationId: user.organisationId, organisationKind: user.organisationKind }, input));
  } catch (error) {
    if (error instanceof BailleurDataRefusal) return Response.json({ code: error.code, message: error.message, field: error.field }, { status: error.status });
    throw error;
  }
}
