import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/lib/auth.server";
import { listConventionsForUser } from "~/models/convention.server";

/** GET /api/conventions: the signed-in user's conventions with their role on each. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireApiUser(request, context);
  return Response.json(await listConventionsForUser(context.db, user.organisationId));
}
