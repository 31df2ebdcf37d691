import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { z } from "zod";
import { MAX_DECOMPTE_BYTES } from "~/domain/decompte/limits";
import { requireApiUser } from "~/lib/auth.server";
import { importDecompteEvents } from "~/models/decompte/import-events.server";
import { methodNotAllowed } from "~/models/negotiation-http.server";
import { CodeDecisionSchema } from "~/models/register.server";

const YearSchema = z.coerce.number({ message: "Indiquez l'année des événements (par exemple 2026)." }).int().min(2000).max(2100);
const DecisionsSchema = z.record(z.string().max(200), CodeDecisionSchema);

const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => Response.json({ code, message, ...extra }, { status });

/**
 * POST /api/decomptes (multipart: `file`, `year`, optional `decisions` JSON for codes nobody knows) — a bailleur
 * imports its events of a year (docs/api.md): 201 with the summary, or 422 with the row/column errors or the unknown
 * codes, and nothing stored.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") methodNotAllowed();
  const user = await requireApiUser(request, context);
  if (user.organisationKind !== "bailleur") return refuse(403, "FORBIDDEN_ROLE", "Seul un bailleur importe les événements de son patrimoine.");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DECOMPTE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse(413, "FICHIER_TROP_GROS", `Le fichier dépasse la taille maximale de ${MAX_DECOMPTE_BYTES / (1024 * 1024)} Mo.`);
    return refuse(400, "FORM_INVALID", "Envoyez un formulaire multipart avec les champs « file » et « year ».");
  }
  const year = YearSchema.safeParse(form.get("year"));
  if (!year.success) return refuse(400, "FORM_INVALID", year.error.issues[0].message, { field: "year" });
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return refuse(400, "FORM_INVALID", "Joignez le fichier des événements (CSV ou XLSX) dans le champ « file ».", { field: "file" });
  let decisions: z.infer<typeof DecisionsSchema> = {};
  const raw = form.get("decisions");
  if (typeof raw === "string" && raw.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return refuse(400, "JSON_INVALID", "Le champ « decisions » n'est pas un JSON valide.", { field: "decisions" });
    }
    const checked = DecisionsSchema.safeParse(parsed);
    if (!checked.success) return refuse(400, "FORM_INVALID", `decisions : ${checked.error.issues[0].message}`, { field: "decisions" });
    decisions = checked.data;
  }
  const outcome = await importDecompteEvents(context.db, {
    organisationId: user.organisationId,
    userId: user.id,
    year: year.data,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    decisions,
  });
  if (!outcome.ok && outcome.kind === "codes")
    return refuse(422, "CODES_INCONNUS", "Des codes de réservataire des événements ne sont rattachés à aucune organisation : rien n'a été enregistré.", { errors: outcome.unknownCodes });
  if (!outcome.ok) return refuse(422, "DECOMPTE_INVALIDE", "Le fichier des événements contient des erreurs : rien n'a été enregistré.", { errors: outcome.issues, errorCount: outcome.errorCount });
  return Response.json(outcome.summary, { status: 201 });
}
