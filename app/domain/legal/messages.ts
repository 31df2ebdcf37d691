// French messages of the signature blocks, with the stable codes the API returns alongside them.

const quote = (text: string) => `« ${text} »`;

export const legalMessages = {
  DENOMINATION_INVALIDE: () => "Indiquez la dénomination de la personne morale (1 à 200 caractères), telle qu'elle doit figurer dans la convention.",
  FORME_INCONNUE: () => "Choisissez la forme juridique dans la liste proposée (par exemple office public de l'habitat, société anonyme d'HLM, commune).",
  FORME_NON_PERMISE: (form: string, kind: string, allowed: readonly string[]) =>
    `La forme juridique ${quote(form)} ne convient pas à une organisation de type ${quote(kind)} : choisissez l'une de ${allowed.map(quote).join(", ")}.`,
  SIREN_INVALIDE: (value: string) =>
    value === ""
      ? "Le numéro SIREN doit compter 9 chiffres (par exemple 412 345 674)."
      : `Le numéro SIREN ${quote(value)} n'est pas valide : il compte 9 chiffres, dont le dernier est une clé de contrôle (algorithme de Luhn). Vérifiez-le sur l'avis de situation INSEE.`,
  TEXTE_TROP_LONG: (what: string, max: number) => `${what} ne peut dépasser ${max} caractères.`,
  CIVILITE_INVALIDE: () => "La civilité du signataire est « M. » ou « Mme ».",
  DELEGATION_INVALIDE: () => "Indiquez par vrai ou faux si le signataire signe pour le préfet par délégation.",
  DATE_ACTE_INVALIDE: (value: string) =>
    `La date de l'acte${value ? ` ${quote(value)}` : ""} n'est pas valide : indiquez une date réelle au format aaaa-mm-jj (par exemple 2025-11-18).`,
  DATE_ACTE_FUTURE: (what: string, value: string) => `La date ${what} (${value}) est postérieure à aujourd'hui : un acte qui habilite le signataire est déjà pris.`,
  IDENTITE_ETAT: () =>
    "L'État n'a pas d'identité à saisir : il est représenté par le préfet du département. Indiquez seulement le signataire et, s'il signe par délégation, l'arrêté de délégation.",
  DELEGATION_ETAT_SEULEMENT: () => "La signature « pour le préfet et par délégation » ne concerne que l'État.",
  AUTRE_PARTIE: (party: string) =>
    `Chaque partie remplit son propre bloc de signature : seuls les membres de ${party} avec le rôle « Édition » modifient le sien.`,
  ROLE_INSUFFISANT: () => "Votre rôle sur cette convention (lecture ou commentaire) ne permet pas de modifier le bloc de signature de votre organisation : demandez au pilote le rôle « Édition ».",
  PARTIE_INCONNUE: () => "Cette organisation n'est pas partie à la convention.",
  BLOCS_INCOMPLETS: (blocks: readonly { partyName: string; labels: readonly string[] }[]) =>
    `La convention ne peut pas être prête pour signature : ${blocks
      .map((block) => `le bloc de signature de ${block.partyName} est incomplet (manque : ${block.labels.join(", ")})`)
      .join(" ; ")}.`,
} as const;

/** Stable codes of the signature-block refusals (the API answers `{ code, message, field }`). */
export type LegalRefusalCode =
  | "FORME_NON_PERMISE"
  | "IDENTITE_ETAT"
  | "DELEGATION_ETAT_SEULEMENT"
  | "DATE_ACTE_FUTURE"
  | "SIGNATURE_BLOCK_OTHER_PARTY"
  | "SIGNATURE_BLOCK_ROLE"
  | "SIGNATURE_BLOCK_NOT_A_PARTY";
