import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser, requireConventionRole } from "~/lib/auth.server";
import { answeringBilanRefusals, bilanRequestOf } from "~/models/decompte/bilan-http.server";
import { loadBilan } from "~/models/decompte/bilan.server";

/** GET /api/conventions/:id/bilans/:year[?au=AAAA-MM-JJ&reservataire=<line>] — the bilan, for every party (docs/api.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "", "lecture");
  const bilanRequest = bilanRequestOf(request, params.year);
  const { bilan } = await answeringBilanRefusals(() => loadBilan(context.db, context.collab, access.convention.id, bilanRequest));
  return Response.json(bilan);
}
