import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/lib/auth.server";
import { territoryViewFor } from "~/models/territory-view-http.server";

/**
 * GET /api/territoire?annee=&bailleur=&reservataire=&convention=&envoi= — the bailleur × réservataire pairs the user
 * may see (the State its département, an EPCI its territory, others their own pairs), docs/api.md.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, context);
  return Response.json(await territoryViewFor(context, user, new URL(request.url)));
}
