// What the schema cannot check alone, because it depends on who writes: a form that fits the organisation's kind,
// no legal identity for the State, a delegation only for the State, an act not dated in the future.
import { LEGAL_FORMS, isState, legalFormsFor } from "./forms";
import type { SignatureBlockInput } from "./identity";
import { legalMessages, type LegalRefusalCode } from "./messages";

export interface BlockRefusal {
  code: LegalRefusalCode;
  message: string;
  field: string;
}

/** Why this block may not be saved for an organisation of `kind` on `today` (ISO date), or null. */
export function signatureBlockRefusal(kind: string, kindLabel: string, input: SignatureBlockInput, today: string): BlockRefusal | null {
  if (input.legal && isState(kind)) return { code: "IDENTITE_ETAT", message: legalMessages.IDENTITE_ETAT(), field: "legal" };
  if (input.legal && !LEGAL_FORMS[input.legal.form].kinds.includes(kind)) {
    const allowed = legalFormsFor(kind).map((form) => form.label);
    return { code: "FORME_NON_PERMISE", message: legalMessages.FORME_NON_PERMISE(LEGAL_FORMS[input.legal.form].label, kindLabel, allowed), field: "legal.form" };
  }
  if (input.signatory.delegation && !isState(kind)) return { code: "DELEGATION_ETAT_SEULEMENT", message: legalMessages.DELEGATION_ETAT_SEULEMENT(), field: "signatory.delegation" };
  const date = input.signatory.act?.date;
  if (date && date > today) {
    const what = isState(kind) ? "de l'arrêté de délégation" : "de la délibération";
    return { code: "DATE_ACTE_FUTURE", message: legalMessages.DATE_ACTE_FUTURE(what, date), field: "signatory.act.date" };
  }
  return null;
}
