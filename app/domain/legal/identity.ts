// A party's legal identity and its signatory, as stored, mirrored into the convention (PartyInfo.legal and
// PartyInfo.signatory) and written through the signature-block form: the shapes, their bounds and the zod schema the
// browser and the server both check (docs/decisions/0602-legal-persons-and-signature-blocks.md).
import { z } from "zod";
import { LEGAL_FORM_CODES, type LegalFormCode } from "./forms";
import { legalMessages } from "./messages";

/** An organisation as a legal person: what the convention prints before its representative. */
export interface LegalIdentity {
  /** The legal name as it is printed: "Garonne Habitat Solidaire", "Commune de Blagnac", "Toulouse Métropole". */
  name: string;
  form: LegalFormCode;
  /** Nine digits, no spaces (INSEE's number of the legal person). */
  siren?: string;
  /** The registered office ("dont le siège est …"). */
  address?: string;
}

/** The act that empowers a signatory: an arrêté de délégation (State), a délibération (collectivité, EPCI). */
export interface SignatoryAct {
  number: string;
  /** ISO date (yyyy-mm-dd). */
  date: string;
}

export const CIVILITIES = ["M.", "Mme"] as const;
export type Civility = (typeof CIVILITIES)[number];

/** Named bounds of the form's fields (one place for the browser and the server). */
export const LEGAL_LIMITS = {
  nameMax: 200,
  addressMax: 300,
  personMax: 120,
  titleMax: 200,
  actNumberMax: 80,
  /** Acts older than this are refused as typing mistakes ("1025-11-18"). */
  earliestYear: 1950,
} as const;

/** A SIREN is nine digits whose last is a Luhn check digit (INSEE); spaces typed between groups are ignored. */
export function sirenChecksumValid(siren: string): boolean {
  if (!/^\d{9}$/.test(siren)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    let digit = Number(siren[8 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "412 345 678": the SIREN in its three groups, for print. */
export function formatSiren(siren: string): string {
  return siren.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1 $2 $3");
}

/** True for a real calendar day written yyyy-mm-dd. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

// An empty field of the form means "not filled in yet": the block may be saved incomplete, and readiness says what
// is missing (signatureBlockGaps).
const optionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string({ message }).trim().max(max, message).optional());

const SirenSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.replace(/[\s\u00A0\u202F]/g, "") || undefined : value),
    z
      .string({ message: legalMessages.SIREN_INVALIDE("") })
      .refine(sirenChecksumValid, { error: (issue) => legalMessages.SIREN_INVALIDE(String(issue.input)) })
      .optional(),
  )
  .optional();

const ActDateSchema = z.string({ message: legalMessages.DATE_ACTE_INVALIDE("") }).refine((text) => isCalendarDate(text) && Number(text.slice(0, 4)) >= LEGAL_LIMITS.earliestYear, {
  error: (issue) => legalMessages.DATE_ACTE_INVALIDE(String(issue.input)),
});

export const LegalIdentityInputSchema = z.strictObject({
  name: z.string({ message: legalMessages.DENOMINATION_INVALIDE() }).trim().min(1, legalMessages.DENOMINATION_INVALIDE()).max(LEGAL_LIMITS.nameMax, legalMessages.DENOMINATION_INVALIDE()),
  form: z.enum(LEGAL_FORM_CODES, { message: legalMessages.FORME_INCONNUE() }),
  siren: SirenSchema,
  address: optionalText(LEGAL_LIMITS.addressMax, legalMessages.TEXTE_TROP_LONG("L'adresse du siège", LEGAL_LIMITS.addressMax)),
});

export const SignatoryInputSchema = z.strictObject({
  civility: z.preprocess((value) => (value === "" ? undefined : value), z.enum(CIVILITIES, { message: legalMessages.CIVILITE_INVALIDE() }).optional()),
  name: optionalText(LEGAL_LIMITS.personMax, legalMessages.TEXTE_TROP_LONG("Le nom du signataire", LEGAL_LIMITS.personMax)),
  title: optionalText(LEGAL_LIMITS.titleMax, legalMessages.TEXTE_TROP_LONG("La qualité du signataire", LEGAL_LIMITS.titleMax)),
  /** The State only: the signatory signs for the préfet, by delegation. */
  delegation: z.boolean({ message: legalMessages.DELEGATION_INVALIDE() }).optional(),
  act: z
    .strictObject({
      number: optionalText(LEGAL_LIMITS.actNumberMax, legalMessages.TEXTE_TROP_LONG("Le numéro de l'acte", LEGAL_LIMITS.actNumberMax)),
      date: z.preprocess((value) => (value === "" ? undefined : value), ActDateSchema.optional()),
    })
    .optional(),
});

/**
 * The body of `PUT /api/conventions/:id/parties/:organisationId/signature-block` (docs/api.md): the party's legal
 * identity (not for the State) and its signatory for this convention. Fields may be left empty while the party
 * gathers them; « prête pour signature » waits until none is missing.
 */
export const SignatureBlockInputSchema = z.strictObject({
  legal: LegalIdentityInputSchema.optional(),
  signatory: SignatoryInputSchema,
});
export type SignatureBlockInput = z.infer<typeof SignatureBlockInputSchema>;

/** The signatory as the convention's parties carry it (PartyInfo.signatory). */
export interface SignatoryInfo {
  name: string;
  title?: string;
  civility?: Civility;
  delegation?: boolean;
  act?: Partial<SignatoryAct>;
}
