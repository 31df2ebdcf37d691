// How the convention names each party as a legal person, in its title, on its cover and in its signature blocks:
// « L'État, représenté par le préfet de la Haute-Garonne, et par délégation, M. Julien Roux, directeur départemental
// (arrêté n° … du …) », « la commune de Blagnac, SIREN …, dont le siège est …, représentée par son maire, M. …,
// dûment habilité par délibération du conseil municipal n° … du … », « Garonne Habitat Solidaire, société anonyme
// d'habitations à loyer modéré, SIREN …, dont le siège est …, représentée par Mme …, directrice générale ».
// What is not known yet prints as a dotted blank, as on a paper form: « prête pour signature » waits until none is left
// (signatureBlockGaps). Straight apostrophes here are set by the typography module wherever the text is rendered.
import { formatDateLong } from "../format";
import { NBSP, de, departementName, withArticle } from "../typography";
import { DELIBERATING_KINDS, LEGAL_FORMS, isState, type LegalForm } from "./forms";
import { formatSiren, type SignatoryInfo } from "./identity";
import type { LegalParty } from "./party";

/** What a designation prints where a fact is still missing. */
export const DESIGNATION_BLANK = "…………";

const or = (value: string | undefined) => (value && value.trim() !== "" ? value.trim() : DESIGNATION_BLANK);

/** "L'État" from "l'État": a designation that opens a line or a sentence. */
export function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "le préfet de la Haute-Garonne" for a département code. */
export function prefetOf(departement: string): string {
  return departementName(departement) ? `le préfet ${de(withArticle(departement))}` : `le préfet du département ${departement.toUpperCase()}`;
}

/** "Mme Nadia Ferrand", the civility bound to the name by a no-break space. */
function person(signatory: SignatoryInfo | undefined): string {
  const name = or(signatory?.name);
  return signatory?.civility ? `${signatory.civility}${NBSP}${name}` : name;
}

/** "habilité" or "habilitée", agreeing with the signatory. */
const agreeing = (signatory: SignatoryInfo | undefined, word: string) => (signatory?.civility === "Mme" ? `${word}e` : word);

function act(signatory: SignatoryInfo | undefined): string {
  const date = signatory?.act?.date;
  return `n° ${or(signatory?.act?.number)} du ${date ? formatDateLong(date) : DESIGNATION_BLANK}`;
}

function formOf(party: LegalParty): LegalForm | undefined {
  return party.legal?.form ? LEGAL_FORMS[party.legal.form] : undefined;
}

/**
 * The party's name as a legal person, as it follows "Pour" in a signature block: "l'État", "la commune de Blagnac",
 * "Toulouse Métropole", "Garonne Habitat Solidaire"; the portal's name while no legal name is known.
 */
export function legalName(party: LegalParty): string {
  if (isState(party.kind)) return "l'État";
  const name = party.legal?.name?.trim() || party.name;
  const article = formOf(party)?.article;
  if (article && article.noun.test(name)) return `${article.article} ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  return name;
}

function stateDesignation(party: LegalParty, departement: string): string {
  const signatory = party.signatory;
  const base = `l'État, représenté par ${prefetOf(departement)}`;
  if (signatory?.delegation) return `${base}, et par délégation, ${person(signatory)}, ${or(signatory.title)} (arrêté ${act(signatory)})`;
  // The préfet signing himself: his quality is already said by "représenté par le préfet de …".
  const title = signatory?.title?.trim();
  return `${base}, ${person(signatory)}${title && !/^(le |la )?pr[ée]f[eè]te?\b/i.test(title) ? `, ${title}` : ""}`;
}

/**
 * The party as a legal person, with its representative and what empowers them, starting lower case (it follows
 * "Entre" or "et" in the title); `capitalizeFirst` it to open a line.
 */
export function partyDesignation(party: LegalParty, departement: string): string {
  if (isState(party.kind)) return stateDesignation(party, departement);
  const form = formOf(party);
  const signatory = party.signatory;
  const name = legalName(party);
  const parts = [name];
  const plain = (text: string) => text.toLowerCase().replace(/\u2019/g, "'");
  // "Commune de Blagnac" needs no ", commune"; "Toulouse Métropole" takes ", métropole" only if its name lacks it.
  if (form && !plain(name).includes(plain(form.label))) parts.push(form.label);
  else if (!form) parts.push(DESIGNATION_BLANK);
  parts.push(`SIREN ${party.legal?.siren ? formatSiren(party.legal.siren) : DESIGNATION_BLANK}`);
  parts.push(`dont le siège est ${or(party.legal?.address)}`);
  const represented = form?.gender === "f" ? "représentée" : "représenté";
  const title = signatory?.title?.trim();
  const organ = form?.organ;
  const representative =
    organ && title && organ.title.test(title)
      ? `${represented} par ${signatory?.civility === "Mme" ? organ.f : organ.m}, ${person(signatory)}`
      : `${represented} par ${person(signatory)}, ${or(title)}`;
  let text = `${parts.join(", ")}, ${representative}`;
  if (DELIBERATING_KINDS.includes(party.kind)) {
    text += `, dûment ${agreeing(signatory, "habilité")} par délibération${form?.assembly ? ` ${form.assembly}` : ""} ${act(signatory)}`;
  } else if (signatory?.act?.number || signatory?.act?.date) {
    text += `, dûment ${agreeing(signatory, "habilité")} par décision ${act(signatory)}`;
  }
  return text;
}

/**
 * The lines that head a party's signature block: "Pour l'État", then for a delegation "Pour le préfet de la
 * Haute-Garonne et par délégation"; the signatory's name and quality follow.
 */
export function signatureHeading(party: LegalParty, departement: string): string[] {
  const lines = [`Pour ${legalName(party)}`];
  if (isState(party.kind) && party.signatory?.delegation) lines.push(`Pour ${prefetOf(departement)} et par délégation`);
  return lines;
}
