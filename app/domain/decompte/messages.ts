// The catalogue of every code the décompte import can return, with its French message. Codes are stable (the import
// screen, the API and the tests match on them); messages may be reworded freely.
import { formatCount } from "../format";
import { cellLocation } from "../inventory/messages";
import { MAX_CELL_LENGTH, MAX_DECOMPTE_BYTES, MAX_DECOMPTE_ROWS, MAX_XLSX_UNPACKED_BYTES } from "./limits";

export const DECOMPTE_ERROR_CODES = [
  "DECOMPTE_FICHIER_VIDE",
  "DECOMPTE_TROP_VOLUMINEUX",
  "DECOMPTE_ENCODAGE_INVALIDE",
  "DECOMPTE_ENCODAGE_NON_PRIS_EN_CHARGE",
  "DECOMPTE_XLSX_ILLISIBLE",
  "DECOMPTE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX",
  "DECOMPTE_TROP_DE_LIGNES",
  "DECOMPTE_CELLULE_TROP_LONGUE",
  "DECOMPTE_SANS_EN_TETE",
  "DECOMPTE_SANS_EVENEMENT",
  "DECOMPTE_COLONNE_MANQUANTE",
  "DECOMPTE_COLONNE_EN_DOUBLE",
  "DECOMPTE_CSV_MALFORME",
  "DECOMPTE_ERREURS_TRONQUEES",
  "DECOMPTE_NOMBRE_DE_COLONNES",
  "DECOMPTE_VALEUR_MANQUANTE",
  "DECOMPTE_RPLS_INVALIDE",
  "DECOMPTE_RESERVATAIRE_INVALIDE",
  "DECOMPTE_DATE_INVALIDE",
  "DECOMPTE_EVENEMENT_INVALIDE",
  "DECOMPTE_MOTIF_INVALIDE",
  "DECOMPTE_MOTIF_HORS_REFUS",
  "DECOMPTE_OUI_NON_INVALIDE",
  "DECOMPTE_ADAPTEE_HORS_REFUS",
  "DECOMPTE_COMMUNE_INVALIDE",
  "DECOMPTE_QPV_INVALIDE",
  "DECOMPTE_TYPOLOGIE_INVALIDE",
  "DECOMPTE_FINANCEMENT_INVALIDE",
  "DECOMPTE_DATE_HORS_ANNEE",
  "DECOMPTE_RPLS_INCONNU",
  "DECOMPTE_SANS_ETAT_DES_LIEUX",
  "DECOMPTE_ANALYSE_INTERROMPUE",
  "DECOMPTE_ANALYSE_TROP_LONGUE",
  "DECOMPTE_ANALYSEUR_OCCUPE",
] as const;
export type DecompteErrorCode = (typeof DECOMPTE_ERROR_CODES)[number];

/** One problem of an events file, located when it concerns a cell: line 1 is the header, columns count from 1. */
export interface DecompteIssue {
  code: DecompteErrorCode;
  message: string;
  line?: number;
  column?: number;
  columnName?: string;
}

export interface DecompteWarning {
  code: "DECOMPTE_COLONNE_IGNOREE";
  message: string;
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
const quoted = (value: string) => `« ${value.length > 60 ? `${value.slice(0, 57)}…` : value} »`;

export { cellLocation };

/** Builders of the French messages, one per code. */
export const decompteMessages = {
  DECOMPTE_FICHIER_VIDE: () => "Le fichier est vide (0 octet) : choisissez le fichier des événements de l'année exporté de vos outils.",
  DECOMPTE_TROP_VOLUMINEUX: (bytes: number) =>
    `Le fichier pèse ${megabytes(bytes)} Mo, au-delà de la limite de ${megabytes(MAX_DECOMPTE_BYTES)} Mo : découpez les événements par département.`,
  DECOMPTE_ENCODAGE_INVALIDE: (line: number, offset: number) =>
    `Le fichier n'est pas un texte lisible (ni UTF-8, ni Windows-1252) : octet de contrôle ou binaire à la position ${offset}, ligne ${line}. Exportez les événements en CSV ou en XLSX.`,
  DECOMPTE_ENCODAGE_NON_PRIS_EN_CHARGE: (encoding: string) =>
    `Le fichier est encodé en ${encoding}, non pris en charge : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) ».`,
  DECOMPTE_XLSX_ILLISIBLE: (detail: string) =>
    `Le fichier ressemble à une archive (XLSX ou ZIP) mais n'est pas un classeur Excel lisible (${detail}). Enregistrez-le au format .xlsx ou exportez-le en CSV.`,
  DECOMPTE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX: (part: string) =>
    `Le classeur, une fois décompressé, dépasse ${megabytes(MAX_XLSX_UNPACKED_BYTES)} Mo (partie ${quoted(part)}) : exportez les événements en CSV ou découpez-les.`,
  DECOMPTE_TROP_DE_LIGNES: (line: number) =>
    `Ligne ${line} : le fichier dépasse ${MAX_DECOMPTE_ROWS.toLocaleString("fr-FR")} événements, la limite d'un import ; découpez-le par département.`,
  DECOMPTE_CELLULE_TROP_LONGUE: (location: string, length: number) =>
    `${location} : la cellule compte ${length.toLocaleString("fr-FR")} caractères, au-delà de ${MAX_CELL_LENGTH.toLocaleString("fr-FR")} ; vérifiez la colonne et les guillemets.`,
  DECOMPTE_SANS_EN_TETE: () =>
    "Le fichier ne contient aucune ligne d'en-tête : la première ligne doit nommer les colonnes (Numéro RPLS, Réservataire, Date, Événement…).",
  DECOMPTE_SANS_EVENEMENT: () => "Le fichier ne contient que la ligne d'en-tête : aucun événement à importer.",
  DECOMPTE_COLONNE_MANQUANTE: (label: string, accepted: readonly string[]) =>
    `Colonne obligatoire absente : ${quoted(label)}. Intitulés reconnus (casse, accents et espaces indifférents) : ${accepted.join(", ")}.`,
  DECOMPTE_COLONNE_EN_DOUBLE: (label: string, columns: readonly number[]) =>
    `La colonne ${quoted(label)} apparaît plusieurs fois (colonnes ${columns.join(" et ")}) : gardez-en une seule.`,
  DECOMPTE_CSV_MALFORME: (line: number, detail: string) => `Ligne ${line} : structure CSV invalide (${detail}) ; vérifiez les guillemets.`,
  DECOMPTE_ERREURS_TRONQUEES: (shown: number, total: number) =>
    `${total.toLocaleString("fr-FR")} erreurs au total ; seules les ${shown.toLocaleString("fr-FR")} premières sont détaillées.`,
  DECOMPTE_NOMBRE_DE_COLONNES: (line: number, found: number, expected: number, delimiter: string) =>
    `Ligne ${line} : ${formatCount(found, "valeur", "valeurs")} au lieu de ${expected} ; vérifiez le séparateur ${quoted(delimiter)} et les guillemets.`,
  DECOMPTE_VALEUR_MANQUANTE: (location: string, expected: string) => `${location} : valeur manquante ; attendu : ${expected}.`,
  /** Every "invalid cell" code shares this wording: where, what was found, what is expected. */
  invalidCell: (location: string, value: string, expected: string) => `${location} : valeur ${quoted(value)} invalide ; attendu : ${expected}.`,
  DECOMPTE_MOTIF_HORS_REFUS: (location: string, event: string) =>
    `${location} : un motif n'est attendu que sur un refus (refus du candidat ou de la CALEOL), pas sur l'événement ${quoted(event)} ; videz la cellule.`,
  DECOMPTE_ADAPTEE_HORS_REFUS: (location: string, event: string) =>
    `${location} : « Proposition adaptée » ne se renseigne que sur un refus du candidat, pas sur l'événement ${quoted(event)} ; videz la cellule.`,
  DECOMPTE_DATE_HORS_ANNEE: (location: string, date: string, year: number) =>
    `${location} : l'événement du ${date} n'est pas de l'année ${year} importée ; retirez-le ou importez-le avec son année.`,
  DECOMPTE_RPLS_INCONNU: (location: string, rpls: string, year: number) =>
    `${location} : le logement ${quoted(rpls)} n'est pas dans votre état des lieux ${year} en vigueur ; vérifiez le numéro RPLS, ou importez l'état des lieux qui le contient.`,
  DECOMPTE_SANS_ETAT_DES_LIEUX: (year: number) =>
    `Aucun état des lieux ${year} en vigueur : importez et confirmez d'abord l'état des lieux de l'année (page « État des lieux »), les événements y retrouvent commune, QPV, typologie et financement de chaque logement.`,
  DECOMPTE_ANALYSE_INTERROMPUE: () =>
    "L'analyse du fichier a été interrompue : il demande plus de mémoire que le serveur n'en accorde à un import. Vérifiez le fichier, ou exportez les événements en CSV.",
  DECOMPTE_ANALYSE_TROP_LONGUE: (seconds: number) =>
    `L'analyse du fichier a dépassé ${seconds.toLocaleString("fr-FR")} secondes et a été arrêtée : exportez les événements en CSV ou découpez-les.`,
  DECOMPTE_ANALYSEUR_OCCUPE: () => "D'autres imports sont en cours d'analyse sur le serveur : réessayez dans une minute. Rien n'a été enregistré.",
  DECOMPTE_COLONNE_IGNOREE: (names: readonly string[]) =>
    `${names.length >= 2 ? "Colonnes non reconnues, ignorées" : "Colonne non reconnue, ignorée"} : ${names.map(quoted).join(", ")}.`,
} as const;

/** The refusals of a bilan request, with their stable codes. */
export const bilanMessages = {
  BILAN_ANNEE_INVALIDE: (first: number, last: number, year: number) => `La convention couvre les années ${first} à ${last} : il n'y a pas de bilan ${year}.`,
  BILAN_DATE_INVALIDE: (year: number) => `La date du bilan intermédiaire doit être de l'année ${year} (AAAA-MM-JJ).`,
  BILAN_LIGNE_INCONNUE: (line: string) => `La ligne « ${line} » n'est pas une ligne de cette convention : choisissez un réservataire partie, « autres » ou « bailleur ».`,
} as const;
export type BilanErrorCode = keyof typeof bilanMessages | "BILAN_PARAMETRE_INVALIDE";
