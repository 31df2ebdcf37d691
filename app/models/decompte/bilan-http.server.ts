// The shared front of the bilan routes: the year, the intermediate date and the réservataire line as zod reads them,
// and the bilan's refusals as JSON `{ code, message, field }`.
import { z } from "zod";
import { BilanRefusal, type BilanRequest } from "./bilan.server";

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "La date du bilan intermédiaire s'écrit AAAA-MM-JJ (par exemple 2026-06-30).")
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, "Cette date n'existe pas au calendrier.");

export const BilanQuerySchema = z.object({
  year: z.coerce.number({ message: "L'année du bilan doit être un nombre (par exemple 2026)." }).int("L'année du bilan doit être un nombre entier.").min(2000).max(2100),
  au: isoDay.nullable(),
  reservataire: z.string().trim().min(1).max(200).nullable(),
});

/** The bilan a request asks for: `/…/bilans/:year?au=AAAA-MM-JJ&reservataire=<line key>`. */
export function bilanRequestOf(request: Request, yearParam: string | undefined): BilanRequest {
  const url = new URL(request.url);
  const parsed = BilanQuerySchema.safeParse({ year: yearParam, au: url.searchParams.get("au") || null, reservataire: url.searchParams.get("reservataire") || null });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw Response.json({ code: "BILAN_PARAMETRE_INVALIDE", message: issue.message, field: issue.path.join(".") || null }, { status: 400 });
  }
  return { year: parsed.data.year, until: parsed.data.au, line: parsed.data.reservataire };
}

/** Runs a bilan command, answering its refusals as JSON. */
export async function answeringBilanRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BilanRefusal) throw Response.json({ code: error.code, message: error.message, field: error.field }, { status: error.status });
    throw error;
  }
}
