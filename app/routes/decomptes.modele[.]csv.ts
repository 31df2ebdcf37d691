import type { LoaderFunctionArgs } from "@remix-run/node";
import { decompteTemplateCsv } from "~/domain/decompte/columns";
import { requireUser } from "~/lib/auth.server";

/** GET /decomptes/modele.csv — the template of an events file (docs/decompte-fichier.md), with a BOM for Excel. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return new Response(`\uFEFF${decompteTemplateCsv()}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="modele-evenements-decompte.csv"',
      "Cache-Control": "private, max-age=3600",
    },
  });
}
