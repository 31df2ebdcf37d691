// One zod schema per annual-annex payload, used by the panel's forms and re-checked by the API routes.
import { z } from "zod";
import { annexMessages } from "./messages";

const yearMessage = annexMessages.ANNEXE_ANNEE_INVALIDE();
const year = z.number({ message: yearMessage }).int(yearMessage).min(2000, yearMessage).max(2100, yearMessage);

/** The `:year` of an annex's address. */
export const AnnexYearSchema = z.coerce.number({ message: yearMessage }).pipe(year);

/** POST /api/conventions/:id/annexes: the year to generate. */
export const GenerateAnnexSchema = z.strictObject({ year });

/** POST /api/conventions/:id/annexes/:year/approvals: optionally, the hash of the figures the party read. */
export const ApproveAnnexSchema = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/, "« hash » est l'empreinte SHA-256 des chiffres lus : 64 caractères hexadécimaux en minuscules.").optional(),
});
