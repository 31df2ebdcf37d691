// When a signature block is complete: what each kind of party must state before the convention can be « prête pour
// signature » (docs/domain.md, "Les parties, personnes morales").
import { DELIBERATING_KINDS, isState } from "./forms";
import type { LegalParty } from "./party";

/** A field a party has not filled in yet: its path in the block and its French name. */
export interface BlockGap {
  field: string;
  label: string;
}

const present = (value: string | undefined) => value !== undefined && value.trim() !== "";

/**
 * The fields missing from a party's block, in the form's order. Everyone names a signatory (civility, name,
 * quality). The State gives the arrêté de délégation when the signatory signs for the préfet by delegation;
 * every other party gives its legal identity (name, form, SIREN, registered office), and a collectivité or an EPCI
 * the délibération that authorises the signature.
 */
export function signatureBlockGaps(party: LegalParty): BlockGap[] {
  const gaps: BlockGap[] = [];
  const gap = (field: string, label: string) => gaps.push({ field, label });
  if (!isState(party.kind)) {
    const legal = party.legal;
    if (!legal || !present(legal.name)) gap("legal.name", "dénomination");
    if (!legal?.form) gap("legal.form", "forme juridique");
    if (!present(legal?.siren)) gap("legal.siren", "numéro SIREN");
    if (!present(legal?.address)) gap("legal.address", "adresse du siège");
  }
  const signatory = party.signatory;
  if (!signatory?.civility) gap("signatory.civility", "civilité du signataire");
  if (!present(signatory?.name)) gap("signatory.name", "nom du signataire");
  if (!present(signatory?.title)) gap("signatory.title", "qualité du signataire");
  const act = isState(party.kind) ? (signatory?.delegation ? "l'arrêté de délégation" : null) : DELIBERATING_KINDS.includes(party.kind) ? "la délibération" : null;
  if (act) {
    if (!present(signatory?.act?.number)) gap("signatory.act.number", `numéro de ${act}`);
    if (!present(signatory?.act?.date)) gap("signatory.act.date", `date de ${act}`);
  }
  return gaps;
}
