import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser, requireConventionRole } from "~/lib/auth.server";
import { conventionApiView } from "~/models/convention-api.server";

/** GET /api/conventions/:id — the convention's structured state (docs/api.md); 404 for non-parties. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  return Response.json(await conventionApiView(context, access));
}
