// The upload of an état des lieux, read the same way by the form's action and by its streamed variant: a multipart
// body within MAX_INVENTORY_BYTES, a year, a file; every refusal in French.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { MAX_INVENTORY_BYTES } from "../domain/inventory/limits";

export const YearSchema = z.coerce
  .number({ message: "Indiquez l'année de l'état des lieux (par exemple 2026)." })
  .int("L'année doit être un nombre entier (par exemple 2026).")
  .min(2000, "L'année doit être comprise entre 2000 et 2100.")
  .max(2100, "L'année doit être comprise entre 2000 et 2100.");

export type InventoryUpload = { ok: true; year: number; fileName: string; bytes: Uint8Array } | { ok: false; status: number; formError: string };

export async function readInventoryUpload(request: Request): Promise<InventoryUpload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_INVENTORY_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, status: 413, formError: `Le fichier dépasse la taille maximale de ${MAX_INVENTORY_BYTES / (1024 * 1024)} Mo.` };
    throw error;
  }
  const year = YearSchema.safeParse(form.get("year"));
  if (!year.success) return { ok: false, status: 400, formError: year.error.issues[0].message };
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return { ok: false, status: 400, formError: "Choisissez le fichier de l'état des lieux (CSV ou XLSX)." };
  return { ok: true, year: year.data, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
