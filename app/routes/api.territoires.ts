import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchIssue, TerritorySearchSchema } from "~/domain/territory";
import { requireApiUser } from "~/lib/auth.server";
import { suggestTerritories } from "~/models/territory.server";

/** GET /api/territoires?q=…&departement=…&limit=… — départements, EPCIs and communes matching a name or a code (docs/api.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = TerritorySearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  await requireApiUser(request, context);
  if (!search.success) return Response.json(searchIssue(search.error), { status: 400 });
  return Response.json(await suggestTerritories(search.data), { headers: { "Cache-Control": "private, max-age=300" } });
}
