// The query of the territory view (page, CSV export and API alike): the year and the filters, checked with zod.
import { z } from "zod";
import { CONVENTION_STATES, ENVOI_STATUSES } from "~/domain/campaign";

export const TerritoryQuerySchema = z.object({
  annee: z.coerce.number({ message: "L'année doit être un nombre (par exemple 2026)." }).int().min(2000, "L'année doit être comprise entre 2000 et 2100.").max(2100, "L'année doit être comprise entre 2000 et 2100.").optional(),
  bailleur: z.string().max(64).optional(),
  reservataire: z.string().max(64).optional(),
  convention: z.enum(CONVENTION_STATES, { message: `Le filtre « convention » doit être l'un de : ${CONVENTION_STATES.join(", ")}.` }).optional(),
  envoi: z.enum(ENVOI_STATUSES, { message: `Le filtre « envoi » doit être l'un de : ${ENVOI_STATUSES.join(", ")}.` }).optional(),
});
export type TerritoryQuery = z.infer<typeof TerritoryQuerySchema>;

/** Reads the URL's search parameters (an empty field counts as absent); the first problem as a French message. */
export function parseTerritoryQuery(url: URL): { ok: true; query: TerritoryQuery } | { ok: false; field: string; message: string } {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, value]) => value !== ""));
  const parsed = TerritoryQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, field: issue.path.join("."), message: issue.message };
}
