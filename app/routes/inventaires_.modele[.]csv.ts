import type { LoaderFunctionArgs } from "@remix-run/node";
import { templateCsv } from "~/domain/inventory/template";
import { requireUser } from "~/lib/auth.server";

/** GET /inventaires/modele.csv — the état des lieux template (the expected columns and example rows). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return new Response(templateCsv(), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="modele-etat-des-lieux.csv"' },
  });
}
