// The shared front of the annual annex's routes: the year of the address, checked like a body field.
import { annexRefusal } from "../domain/annex/messages";
import { AnnexYearSchema } from "../domain/annex/schemas";

/** The `:year` of an annex's address, or 400 ANNEXE_ANNEE_INVALIDE. */
export function annexYearParam(value: string | undefined): number {
  const parsed = AnnexYearSchema.safeParse(value ?? "");
  if (!parsed.success) throw Response.json({ ...annexRefusal("ANNEXE_ANNEE_INVALIDE"), field: "year" }, { status: 400 });
  return parsed.data;
}
