import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { z } from "zod";
import { requireApiUser } from "~/lib/auth.server";
import { MAX_INVENTORY_BYTES } from "~/domain/inventory/limits";
import { importAndConfirm } from "~/models/inventory.server";
import { CodeDecisionSchema } from "~/models/register.server";
import { inventorySummaryView } from "~/models/inventory-view.server";
import { methodNotAllowed } from "~/models/negotiation-http.server";

const YearSchema = z.coerce.number({ message: "Indiquez l'année de l'état des lieux (par exemple 2026)." }).int().min(2000).max(2100);
const DecisionsSchema = z.record(z.string().max(200), CodeDecisionSchema);

const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  Response.json({ code, message, ...extra }, { status });

/**
 * POST /api/inventories (multipart: `file`, `year`, optional `decisions` JSON for codes the register does not know) —
 * a bailleur imports and confirms its état des lieux in one step (docs/api.md): 201 with its summary, or 422 with the
 * row/column errors or the unknown codes, and nothing stored.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const user = await requireApiUser(request, context);
  if (user.organisationKind !== "bailleur") return refuse(403, "FORBIDDEN_ROLE", "Seul un bailleur importe l'état des lieux de son patrimoine.");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_INVENTORY_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse(413, "FICHIER_TROP_GROS", `Le fichier dépasse la taille maximale de ${MAX_INVENTORY_BYTES / (1024 * 1024)} Mo.`);
    return refuse(400, "FORM_INVALID", "Envoyez un formulaire multipart avec les champs « file » et « year ».");
  }
  const year = YearSchema.safeParse(form.get("year"));
  if (!year.success) return refuse(400, "FORM_INVALID", year.error.issues[0].message, { field: "year" });
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return refuse(400, "FORM_INVALID", "Joignez le fichier de l'état des lieux (CSV ou XLSX) dans le champ « file ».", { field: "file" });
  let decisions: z.infer<typeof DecisionsSchema> = {};
  const rawDecisions = form.get("decisions");
  if (typeof rawDecisions === "string" && rawDecisions.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawDecisions);
    } catch {
      return refuse(400, "JSON_INVALID", "Le champ « decisions » n'est pas un JSON valide.", { field: "decisions" });
    }
    const checked = DecisionsSchema.safeParse(parsed);
    if (!checked.success) return refuse(400, "FORM_INVALID", `decisions : ${checked.error.issues[0].message}`, { field: "decisions" });
    decisions = checked.data;
  }
  const result = await importAndConfirm(context.db, context.collab, {
    organisationId: user.organisationId,
    userId: user.id,
    year: year.data,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    decisions,
  });
  if (!result.ok && "unknownCodes" in result)
    return refuse(422, "CODES_INCONNUS", "Des codes de réservataire de l'état des lieux ne sont rattachés à aucune organisation : rien n'a été enregistré.", { errors: result.unknownCodes });
  if (!result.ok) return refuse(422, "ETAT_DES_LIEUX_INVALIDE", "L'état des lieux contient des erreurs : rien n'a été enregistré.", { errors: result.issues, errorCount: result.errorCount });
  return Response.json(inventorySummaryView(result.stored, result.readings, result.warnings), { status: 201 });
}
