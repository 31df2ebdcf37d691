import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/auth.server";
import { templateXlsx } from "~/models/inventory-template.server";

/** GET /inventaires/modele.xlsx — the état des lieux template as a workbook. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return new Response(new Uint8Array(templateXlsx()).buffer as ArrayBuffer, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": 'attachment; filename="modele-etat-des-lieux.xlsx"',
    },
  });
}
