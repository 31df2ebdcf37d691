// The legal forms a party of a convention can take, and what each one implies for the text: how the legal person is
// named, whether it is a public person (which decides the court of the dispute clause), which organ represents it and
// with which act (docs/domain.md, "Les parties, personnes morales"; docs/decisions/0602-legal-persons-and-signature-blocks.md).

/** Legal forms, by stable code (stored in `organisation_legal_identities.legal_form`). */
export const LEGAL_FORM_CODES = [
  "etat",
  "commune",
  "departement",
  "region",
  "metropole",
  "communaute_urbaine",
  "communaute_agglomeration",
  "communaute_communes",
  "oph",
  "esh",
  "sem",
  "coop_hlm",
  "sas",
  "association",
  "etablissement_public",
] as const;
export type LegalFormCode = (typeof LEGAL_FORM_CODES)[number];

/** What the designation of a party needs to know about its form. */
export interface LegalForm {
  code: LegalFormCode;
  /** The form as it is written after the name: "société anonyme d'habitations à loyer modéré". */
  label: string;
  /** Grammatical gender of the legal person ("représentée" or "représenté"). */
  gender: "f" | "m";
  /**
   * A public person (the State, a collectivité, an EPCI, a public établissement such as an OPH): a convention with one
   * of them as a party is an administrative contract, whose disputes go to the administrative court.
   */
  public: boolean;
  /** The organisation kinds that may take this form. */
  kinds: readonly string[];
  /**
   * A collectivité or an EPCI acts through its executive, empowered by a délibération of its assembly: the organ that
   * represents it, by the signatory's civility ("son maire", "sa présidente").
   */
  organ?: { m: string; f: string; title: RegExp };
  /** A collectivité whose legal name starts with its own noun takes an article: "la commune de Blagnac". */
  article?: { noun: RegExp; article: "la" | "le" };
  /** The assembly whose délibération empowers the signatory ("du conseil municipal"). */
  assembly?: string;
}

const PRESIDENT = { m: "son président", f: "sa présidente", title: /^(le |la )?pr[ée]sidente?$/i };

export const LEGAL_FORMS: Record<LegalFormCode, LegalForm> = {
  etat: { code: "etat", label: "l'État", gender: "m", public: true, kinds: ["prefet"] },
  commune: {
    code: "commune",
    label: "commune",
    gender: "f",
    public: true,
    kinds: ["commune"],
    organ: { m: "son maire", f: "son maire", title: /^(le |la )?maire$/i },
    assembly: "du conseil municipal",
    article: { noun: /^commune\b/i, article: "la" },
  },
  departement: {
    code: "departement",
    label: "département",
    gender: "m",
    public: true,
    kinds: ["departement"],
    organ: { m: "le président du conseil départemental", f: "la présidente du conseil départemental", title: /^(le |la )?pr[ée]sidente? du conseil d[ée]partemental$/i },
    assembly: "du conseil départemental",
    article: { noun: /^d[ée]partement\b/i, article: "le" },
  },
  region: {
    code: "region",
    label: "région",
    gender: "f",
    public: true,
    kinds: ["region"],
    organ: { m: "le président du conseil régional", f: "la présidente du conseil régional", title: /^(le |la )?pr[ée]sidente? du conseil r[ée]gional$/i },
    assembly: "du conseil régional",
    article: { noun: /^r[ée]gion\b/i, article: "la" },
  },
  metropole: { code: "metropole", label: "métropole", gender: "f", public: true, kinds: ["epci"], organ: PRESIDENT, assembly: "du conseil de la métropole" },
  communaute_urbaine: { code: "communaute_urbaine", label: "communauté urbaine", gender: "f", public: true, kinds: ["epci"], organ: PRESIDENT, assembly: "du conseil communautaire" },
  communaute_agglomeration: {
    code: "communaute_agglomeration",
    label: "communauté d'agglomération",
    gender: "f",
    public: true,
    kinds: ["epci"],
    organ: PRESIDENT,
    assembly: "du conseil communautaire",
  },
  communaute_communes: { code: "communaute_communes", label: "communauté de communes", gender: "f", public: true, kinds: ["epci"], organ: PRESIDENT, assembly: "du conseil communautaire" },
  oph: { code: "oph", label: "office public de l'habitat", gender: "m", public: true, kinds: ["bailleur"] },
  esh: { code: "esh", label: "société anonyme d'habitations à loyer modéré", gender: "f", public: false, kinds: ["bailleur"] },
  sem: { code: "sem", label: "société anonyme d'économie mixte", gender: "f", public: false, kinds: ["bailleur", "autre"] },
  coop_hlm: { code: "coop_hlm", label: "société coopérative d'habitations à loyer modéré", gender: "f", public: false, kinds: ["bailleur"] },
  sas: { code: "sas", label: "société par actions simplifiée", gender: "f", public: false, kinds: ["action_logement", "autre"] },
  association: { code: "association", label: "association", gender: "f", public: false, kinds: ["autre"] },
  etablissement_public: { code: "etablissement_public", label: "établissement public", gender: "m", public: true, kinds: ["autre"] },
};

/** The forms an organisation of this kind may take, in catalogue order (the form's choices). */
export function legalFormsFor(kind: string): LegalForm[] {
  return LEGAL_FORM_CODES.map((code) => LEGAL_FORMS[code]).filter((form) => form.kinds.includes(kind));
}

/**
 * The State is one legal person whatever the département: the préfet represents it, the DDETS acts for him. Its
 * identity is never entered, only its signatory.
 */
export const isState = (kind: string) => kind === "prefet";

/** Kinds whose signatory is empowered by a délibération of their assembly (collectivités and EPCIs). */
export const DELIBERATING_KINDS: readonly string[] = ["commune", "epci", "departement", "region"];

/** Whether a party of this kind and form is a public person; undefined when its form is not known yet. */
export function isPublicPerson(kind: string, form: LegalFormCode | undefined): boolean | undefined {
  if (isState(kind) || DELIBERATING_KINDS.includes(kind)) return true;
  // Action Logement Services is a société par actions simplifiée since the group's 2016 reorganisation: never public.
  if (kind === "action_logement") return false;
  if (!form) return undefined;
  return LEGAL_FORMS[form].public;
}
