// The vocabulary of the décompte (docs/domain.md, « Le décompte des attributions »): the events a bailleur's tools
// record on a dwelling offered to a réservataire, the reasons of a refusal, and the rules a convention counts by.

/** What happened to a dwelling, as the bailleur's tools (SNE, SYPLO, AL'in, ERP) record it. */
export const DECOMPTE_EVENTS = {
  mise_a_disposition: { label: "Mise à disposition", synonyms: ["mise a disposition", "mad", "mise a dispo", "offre au reservataire", "logement mis a disposition"] },
  proposition: { label: "Proposition d'un candidat", synonyms: ["proposition", "proposition candidat", "candidat propose", "designation", "designation candidat"] },
  attribution: { label: "Attribution (décision de la CALEOL)", synonyms: ["attribution", "attribution caleol", "decision caleol favorable", "attribue", "attribution cal"] },
  refus_candidat: { label: "Refus du candidat", synonyms: ["refus candidat", "refus du candidat", "refus demandeur", "refus du menage", "refus menage"] },
  refus_caleol: { label: "Refus de la CALEOL", synonyms: ["refus caleol", "refus de la caleol", "non attribution", "refus commission", "refus cal"] },
  bail_signe: { label: "Bail signé", synonyms: ["bail signe", "signature du bail", "signature bail", "bail"] },
  entree_dans_les_lieux: { label: "Entrée dans les lieux", synonyms: ["entree dans les lieux", "entree", "emmenagement", "entree lieux"] },
  retour_bailleur: { label: "Retour au bailleur", synonyms: ["retour bailleur", "retour au bailleur", "restitution", "restitution au bailleur", "logement restitue"] },
} as const;
export type DecompteEvent = keyof typeof DECOMPTE_EVENTS;
export const DECOMPTE_EVENT_CODES = Object.keys(DECOMPTE_EVENTS) as DecompteEvent[];

/** The two refusals; the bilan counts them by reason. */
export const REFUSAL_EVENTS: ReadonlySet<DecompteEvent> = new Set(["refus_candidat", "refus_caleol"]);

/** Why a candidate or the commission refused: one list, each reason saying whose refusal it usually is. */
export const REFUSAL_REASONS = {
  localisation: { label: "Localisation du logement", synonyms: ["localisation", "quartier", "eloignement", "secteur"] },
  typologie: { label: "Taille ou typologie inadaptée", synonyms: ["typologie", "taille", "surface", "logement trop petit", "logement trop grand"] },
  loyer: { label: "Loyer ou charges", synonyms: ["loyer", "charges", "loyer trop eleve", "cout"] },
  etat: { label: "État du logement", synonyms: ["etat", "etat du logement", "logement degrade", "travaux"] },
  environnement: { label: "Environnement ou voisinage", synonyms: ["environnement", "voisinage", "securite", "cadre de vie"] },
  sans_reponse: { label: "Candidat sans réponse", synonyms: ["sans reponse", "injoignable", "absence de reponse", "pas de reponse"] },
  ressources: { label: "Ressources au-delà des plafonds", synonyms: ["ressources", "plafonds", "plafond de ressources", "depassement de plafond"] },
  solvabilite: { label: "Capacité financière insuffisante", synonyms: ["solvabilite", "taux d'effort", "taux effort", "reste a vivre", "capacite financiere"] },
  dossier_incomplet: { label: "Dossier incomplet", synonyms: ["dossier incomplet", "pieces manquantes", "incomplet"] },
  inadequation: { label: "Inadéquation du logement à la composition du ménage", synonyms: ["inadequation", "composition familiale", "sur occupation", "sous occupation"] },
  autre: { label: "Autre motif", synonyms: ["autre", "divers"] },
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;
export const REFUSAL_REASON_CODES = Object.keys(REFUSAL_REASONS) as RefusalReason[];

/**
 * The décompte rules: the choices of the option « Fait générateur du décompte » (app/domain/convention/options.ts,
 * key `decompte`). The option's value `signature_bail` counts the event `bail_signe`.
 */
export const DECOMPTE_RULES = ["mise_a_disposition", "attribution", "signature_bail", "entree_dans_les_lieux"] as const;
export type DecompteRule = (typeof DECOMPTE_RULES)[number];

/** The rule the option's value names; the référentiel's default (mise à disposition) for anything else. */
export function decompteRuleOf(choice: string | undefined): DecompteRule {
  return (DECOMPTE_RULES as readonly string[]).includes(choice ?? "") ? (choice as DecompteRule) : "mise_a_disposition";
}
