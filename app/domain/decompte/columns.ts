// The columns of an events file (docs/decompte-fichier.md) and their tolerant matching, through the inventory's header
// matcher: the same spellings are recognised in both files (case, accents, spaces, underscores, particles).
import { headerSynonyms, type HeaderColumn } from "../inventory/columns";
import type { DecompteErrorCode } from "./messages";

export const DECOMPTE_FIELDS = [
  "rpls",
  "reservataire",
  "date",
  "evenement",
  "motif",
  "adaptee",
  "prioritaire",
  "dalo",
  "premierQuartile",
  "commune",
  "qpv",
  "typologie",
  "financement",
] as const;
export type DecompteField = (typeof DECOMPTE_FIELDS)[number];

export interface DecompteColumn extends HeaderColumn<DecompteField> {
  /** What a cell must contain, in French, for error messages and the documentation. */
  expected: string;
  /** An example value, for the template file. */
  example: string;
  invalidCode: DecompteErrorCode;
  requiredCell: boolean;
}

const column = (field: DecompteField, spec: Omit<DecompteColumn, "field">): DecompteColumn => ({ field, ...spec });

export const DECOMPTE_COLUMNS: Record<DecompteField, DecompteColumn> = {
  rpls: column("rpls", {
    label: "Numéro RPLS",
    expected: "le numéro RPLS du logement, 10 chiffres ou lettres, tel qu'il figure dans l'état des lieux (p. ex. 0310012345)",
    example: "3100000001",
    invalidCode: "DECOMPTE_RPLS_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["RPLS", "N° RPLS", "No RPLS", "Num RPLS", "Numéro de logement RPLS", "Identifiant RPLS", "Numéro logement"],
  }),
  reservataire: column("reservataire", {
    label: "Réservataire",
    expected: "le code du réservataire tel que l'état des lieux l'écrit (p. ex. al, ddets-prio, 3), ou vide / « non réservé » pour un logement du bailleur",
    example: "ddets-prio",
    invalidCode: "DECOMPTE_RESERVATAIRE_INVALIDE",
    requiredColumn: true,
    requiredCell: false,
    synonyms: ["Code réservataire", "Identifiant réservataire", "Contingent", "Contingent d'imputation", "Réservataire imputé"],
  }),
  date: column("date", {
    label: "Date",
    expected: "la date de l'événement, JJ/MM/AAAA ou AAAA-MM-JJ (p. ex. 15/03/2026)",
    example: "15/03/2026",
    invalidCode: "DECOMPTE_DATE_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Date de l'événement", "Date événement", "Date de l'évènement", "Le"],
  }),
  evenement: column("evenement", {
    label: "Événement",
    expected:
      "l'étape : « Mise à disposition », « Proposition d'un candidat », « Attribution », « Refus du candidat », « Refus de la CALEOL », « Bail signé », « Entrée dans les lieux » ou « Retour au bailleur » (les codes du modèle de fichier sont acceptés aussi)",
    example: "mise_a_disposition",
    invalidCode: "DECOMPTE_EVENEMENT_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Évènement", "Type d'événement", "Type événement", "Étape", "Statut"],
  }),
  motif: column("motif", {
    label: "Motif du refus",
    expected:
      "vide, ou sur un refus : localisation, typologie, loyer, etat, environnement, sans_reponse, ressources, solvabilite, dossier_incomplet, inadequation ou autre",
    example: "",
    invalidCode: "DECOMPTE_MOTIF_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Motif", "Motif de refus", "Raison du refus"],
  }),
  adaptee: column("adaptee", {
    label: "Proposition adaptée",
    expected: "vide, ou sur un refus du candidat : oui (la proposition répondait à sa demande) ou non",
    example: "",
    invalidCode: "DECOMPTE_OUI_NON_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Proposition adaptée à la demande", "Adaptée", "Offre adaptée"],
  }),
  prioritaire: column("prioritaire", {
    label: "Ménage prioritaire",
    expected: "oui ou non (vide = non) : ménage relevant des publics prioritaires de l'article L. 441-1",
    example: "non",
    invalidCode: "DECOMPTE_OUI_NON_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Public prioritaire", "Prioritaire", "Ménage prioritaire L. 441-1"],
  }),
  dalo: column("dalo", {
    label: "Ménage DALO",
    expected: "oui ou non (vide = non) : ménage reconnu prioritaire au titre du droit au logement opposable",
    example: "non",
    invalidCode: "DECOMPTE_OUI_NON_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["DALO", "Reconnu DALO", "Ménage reconnu DALO"],
  }),
  premierQuartile: column("premierQuartile", {
    label: "Ménage du premier quartile",
    expected: "oui ou non (vide = non) : ressources du ménage sous le seuil du premier quartile",
    example: "non",
    invalidCode: "DECOMPTE_OUI_NON_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Premier quartile", "1er quartile", "Quartile 1", "Q1"],
  }),
  commune: column("commune", {
    label: "Commune (code INSEE)",
    expected: "vide (lue dans l'état des lieux), ou le code INSEE de la commune sur 5 caractères (p. ex. 31555)",
    example: "",
    invalidCode: "DECOMPTE_COMMUNE_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Commune", "Code commune", "Code INSEE", "INSEE", "DEPCOM"],
  }),
  qpv: column("qpv", {
    label: "QPV",
    expected: "vide (lu dans l'état des lieux), oui ou non",
    example: "",
    invalidCode: "DECOMPTE_QPV_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["En QPV", "Quartier prioritaire", "Logement en QPV"],
  }),
  typologie: column("typologie", {
    label: "Typologie",
    expected: "vide (lue dans l'état des lieux), T1, T2, T3, T4, T5 ou T6+",
    example: "",
    invalidCode: "DECOMPTE_TYPOLOGIE_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Typo", "Type de logement", "Nombre de pièces"],
  }),
  financement: column("financement", {
    label: "Financement",
    expected: "vide (lu dans l'état des lieux), PLAI, PLUS, PLS, PLI ou autre",
    example: "",
    invalidCode: "DECOMPTE_FINANCEMENT_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Type de financement", "Financement initial"],
  }),
};

export const DECOMPTE_COLUMN_LIST: readonly DecompteColumn[] = DECOMPTE_FIELDS.map((field) => DECOMPTE_COLUMNS[field]);
export const DECOMPTE_HEADER_SYNONYMS = headerSynonyms(DECOMPTE_COLUMN_LIST);

/** The template CSV a bailleur downloads: the header, then one example per event of a dwelling's year. */
export function decompteTemplateCsv(): string {
  const header = DECOMPTE_COLUMN_LIST.map((c) => c.label).join(";");
  const example = (cells: Partial<Record<DecompteField, string>>) => DECOMPTE_FIELDS.map((field) => cells[field] ?? "").join(";");
  const lines = [
    header,
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "03/02/2026", evenement: "mise_a_disposition" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "10/02/2026", evenement: "proposition" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "24/02/2026", evenement: "refus_candidat", motif: "localisation", adaptee: "oui" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "02/03/2026", evenement: "proposition" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "12/03/2026", evenement: "attribution", prioritaire: "oui", dalo: "oui", premierQuartile: "oui" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "20/03/2026", evenement: "bail_signe" }),
    example({ rpls: "3100000001", reservataire: "ddets-prio", date: "01/04/2026", evenement: "entree_dans_les_lieux" }),
    example({ rpls: "3100000002", reservataire: "al", date: "05/05/2026", evenement: "mise_a_disposition" }),
    example({ rpls: "3100000002", reservataire: "al", date: "09/06/2026", evenement: "retour_bailleur" }),
  ];
  return lines.join("\r\n") + "\r\n";
}
