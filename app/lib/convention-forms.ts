import { z } from "zod";
import { TerritorySchema, territoryFromForm } from "../domain/territory";
import { LIMITS } from "./limits";
import { ROLES } from "./roles";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date au format jj/mm/aaaa.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Cette date n'existe pas.");

/** The creation wizard's form, checked in the browser and again on the server. */
export const NewConventionSchema = z.object({
  templateId: z.string().min(1, "Choisissez un modèle de convention."),
  title: z.string().trim().min(3, "Donnez un titre d'au moins 3 caractères.").max(LIMITS.titleMax, `Le titre dépasse ${LIMITS.titleMax} caractères.`),
  year: z.coerce.number().int("L'année doit être un nombre entier.").min(2020, "L'année doit être 2020 ou après.").max(2100, "L'année doit être avant 2100."),
  /** The territory its figures are computed on; resolved against the official geography on the server. */
  territory: TerritorySchema,
  /** First day it applies; 1 January of its year when absent. */
  startDate: isoDate.optional(),
  parties: z
    .array(z.object({ organisationId: z.string().min(1), role: z.enum(ROLES, { message: "Rôle inconnu." }) }))
    .min(1, "Ajoutez au moins un réservataire comme partie.")
    .max(40, "Une convention compte au plus 40 parties."),
});
export type NewConventionInput = z.infer<typeof NewConventionSchema>;

/** Reads the wizard's form fields (`party.<organisationId>` = role or empty) into the schema's shape. */
export function newConventionFromForm(form: FormData): unknown {
  const parties: { organisationId: string; role: string }[] = [];
  for (const [key, value] of form.entries()) {
    if (key.startsWith("party.") && typeof value === "string" && value !== "")
      parties.push({ organisationId: key.slice("party.".length), role: value });
  }
  const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : undefined);
  return {
    templateId: text("templateId") ?? "",
    title: text("title") ?? "",
    year: text("year") ?? "",
    territory: territoryFromForm(form),
    startDate: text("startDate") || undefined,
    parties,
  };
}
