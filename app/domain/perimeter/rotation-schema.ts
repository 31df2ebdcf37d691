// The rotation data of year n-1 as a bailleur enters them (once per département and year), checked alike in the
// browser and on the server: whole counts, and what is taken out never more than the total.
import { z } from "zod";
import type { RotationData } from "./rotation";

const count = z.number({ message: "un nombre entier est attendu" }).int("un nombre entier est attendu").min(0, "le nombre ne peut être négatif").max(10_000_000, "nombre trop grand");

export const RotationDataSchema = z
  .strictObject({
    releases: z.strictObject({ total: count, students: count, specific: count, mutations: count, anru: count, orcod: count, lhi: count }),
    stock: z.strictObject({ total: count, students: count, specific: count, sale: count, demolition: count }),
  })
  .superRefine((data, ctx) => {
    const r = data.releases;
    const s = data.stock;
    if (r.students + r.specific + r.mutations + r.anru + r.orcod + r.lhi > r.total)
      ctx.addIssue({ code: "custom", path: ["releases", "total"], message: "les libérations retirées dépassent le total des libérations" });
    if (s.students + s.specific + s.sale + s.demolition >= s.total)
      ctx.addIssue({ code: "custom", path: ["stock", "total"], message: "le parc retenu doit rester positif : les logements retirés égalent ou dépassent le parc" });
  }) satisfies z.ZodType<RotationData>;
