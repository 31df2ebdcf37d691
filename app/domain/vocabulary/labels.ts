// The French label of every code that a person may see: roles, kinds of organisation, statuses, positions, line
// kinds, journal kinds and actions… Codes stay in the database, the API and the code; what a screen, the journal or
// a document prints comes from here (docs/decisions/0603-vocabulary-and-journal.md). Pure data, no imports at run
// time, so that any module may read it without creating a cycle.

/** What a party's members may do on a convention. */
export const ROLE_LABELS = {
  edition: "Édition",
  commentaire: "Commentaire",
  lecture: "Lecture",
} as const;

/** Kinds of organisation, as the screens name them. */
export const ORGANISATION_KIND_LABELS = {
  bailleur: "Bailleur social",
  prefet: "Préfet (DDETS)",
  action_logement: "Action Logement",
  commune: "Commune",
  epci: "EPCI",
  departement: "Département",
  region: "Région",
  autre: "Autre réservataire",
} as const;

/** Kinds of party, as the convention's text names them (the préfet acts through the État's services). */
export const PARTY_KIND_LABELS: Record<string, string> = {
  bailleur: "Bailleur",
  prefet: "État (préfet, DDETS)",
  action_logement: "Action Logement",
  commune: "Commune",
  epci: "EPCI",
  departement: "Département",
  region: "Région",
  autre: "Autre réservataire",
};

export const STATUS_LABELS = {
  brouillon: "Brouillon",
  en_negociation: "En négociation",
  prete_pour_signature: "Prête pour signature",
  signee: "Signée",
} as const;

export const POSITION_LABELS = {
  d_accord: "D'accord",
  pas_d_accord: "Pas d'accord",
  sous_conditions: "Sous conditions",
  abstention: "Abstention",
} as const;

export const CONSENSUS_LABELS = {
  consensus: "Consensus",
  desaccord: "Désaccord",
  en_attente: "En attente",
} as const;

/** Whether a position or an approval still answers the current text. */
export const REVIEW_STATE_LABELS = {
  a_jour: "À jour",
  approuve: "Approuvé",
  a_revoir: "À revoir",
} as const;

/** Labels of the flux line kinds, used when a line has no label of its own. */
export const LINE_KIND_LABELS: Record<string, string> = {
  prefet_prioritaires: "Préfet — publics prioritaires",
  prefet_fonctionnaires: "Préfet — agents de l'État",
  action_logement: "Action Logement",
  commune: "Commune",
  epci: "EPCI",
  departement: "Département",
  region: "Région",
  autre: "Autre réservataire",
  bailleur: "Bailleur — non réservé",
};

/** States of an état des lieux import. */
export const IMPORT_STATUS_LABELS = {
  en_attente: "À confirmer",
  confirme: "Confirmé",
  annule: "Annulé",
} as const;

/** A party's answer to being named in a convention. */
export const INVITATION_LABELS = {
  invitee: "Invitation en attente",
  acceptee: "Invitation acceptée",
  refusee: "Invitation refusée",
  retiree: "Retirée",
} as const;

/** Where a bailleur stands with respect to the convention's figures. */
export const BAILLEUR_STATUS_LABELS = {
  pret: "Données complètes",
  invite: "Invité, n'a pas encore accepté",
  sans_etat_des_lieux: "Sans état des lieux",
} as const;

/** How an excluded dwelling is treated. */
export const EXCLUSION_RULE_LABELS = {
  droit: "Toujours exclu",
  convention: "Exclu par la convention",
  inclus: "Inclus dans l'assiette par la convention",
} as const;

/** How a code of the import was read. */
export const CODE_SOURCE_LABELS = {
  registre: "registre du département",
  rpls: "code RPLS",
  inconnu: "inconnu",
} as const;

/** What happened to an article between two versions. */
export const VERSION_CHANGE_LABELS = {
  identique: "identique",
  modifie: "modifié",
  ajoute: "ajouté",
  supprime: "supprimé",
} as const;

/** Parts of the convention's text a heading opens. */
export const SECTION_LABELS = {
  titre: "Titre",
  visas: "Visas",
  preambule: "Préambule",
  article: "Article",
  annexe: "Annexe",
  signatures: "Signatures",
} as const;

/** The bailleur's forecast deductions of the year. */
export const DEDUCTION_LABELS = {
  mutations: "Mutations internes prévues",
  anru: "Relogements ANRU / NPNRU",
  orcod: "Relogements ORCOD",
  lhi: "Relogements LHI",
  ventes: "Relogements liés aux ventes",
} as const;

/** The bailleur's rotation data of year n-1. */
export const ROTATION_DATA_LABELS = {
  releases: {
    total: "Logements libérés",
    students: "dont logements étudiants",
    specific: "dont logements spécifiques",
    mutations: "dont mutations internes",
    anru: "dont relogements ANRU",
    orcod: "dont relogements ORCOD",
    lhi: "dont relogements LHI",
  },
  stock: {
    total: "Parc au 31 décembre",
    students: "dont logements étudiants",
    specific: "dont logements spécifiques",
    sale: "dont logements en vente",
    demolition: "dont logements à démolir",
  },
} as const;

/** The convention's own settings. */
export const PARAMETER_LABELS: Record<string, string> = {
  signaturePlace: "Lieu de signature",
};

/** Kinds of the convention's journal (audit_events.kind). */
export const AUDIT_KIND_LABELS = {
  creation: "Création",
  position: "Position",
  approval: "Approbation",
  comment: "Commentaire",
  status: "Statut",
  version: "Version",
  membership: "Parties",
  export: "Export",
  inventory: "État des lieux",
  flux: "Données du flux",
  deadline: "Échéance",
  annexe: "Annexe annuelle",
  decompte: "Décompte",
  signature: "Bloc de signature",
  text: "Texte",
  option: "Option",
  parameter: "Paramètre",
} as const;
export type AuditKindCode = keyof typeof AUDIT_KIND_LABELS;

/** Actions recorded in the journal's details (`details.action`). */
export const AUDIT_ACTION_LABELS = {
  create: "création",
  reply: "réponse",
  resolve: "résolution",
  reopen: "réouverture",
  restore: "restauration",
  etat_des_lieux_confirme: "état des lieux confirmé",
  etat_des_lieux_retabli: "état des lieux remis en vigueur",
  donnees_rotation: "données de rotation",
  termes_flux: "termes du flux",
  etat_des_lieux_envoye: "état des lieux envoyé aux réservataires",
  annexe_generee: "annexe générée",
  annexe_approuvee: "annexe approuvée",
  annexe_adoptee: "annexe adoptée",
  annexe_exportee: "annexe exportée",
  evenements_importes: "événements importés",
  bloc_de_signature: "bloc de signature",
  identite_juridique: "identité juridique",
} as const;

/** Formats of an export. */
export const EXPORT_FORMAT_LABELS = {
  docx: "Word (DOCX)",
  "bilan-docx": "du bilan en Word (DOCX)",
  "bilan-xlsx": "du bilan en Excel (XLSX)",
} as const;

/** A label, or the code itself when the map does not know it (a code added without a label shows, and a test fails). */
export function labelOf(map: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return "—";
  return map[code] ?? code;
}
