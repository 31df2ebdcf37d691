import type { LoaderFunctionArgs } from "@remix-run/node";
import { bilanFileResponse } from "~/export/bilan-export.server";
import { requireConventionRole, requireUser } from "~/lib/auth.server";
import { answeringBilanRefusals, bilanRequestOf } from "~/models/decompte/bilan-http.server";

/** GET /conventions/:id/bilans/:year/export.docx[?au=&reservataire=] — the bilan as a file (every party; docs/api.md). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireConventionRole(context, user, params.conventionId ?? "");
  const bilanRequest = bilanRequestOf(request, params.year);
  return answeringBilanRefusals(() => bilanFileResponse(context, user, access.convention.id, bilanRequest, "docx"));
}
