// The catalogue of every code the inventory import can return, with its French message. Codes are stable: the
// import screen and the database layer match on them; messages may be reworded freely.
import { formatCount } from "../format";
import { MAX_CELL_LENGTH, MAX_INVENTORY_BYTES, MAX_INVENTORY_ROWS, MAX_XLSX_UNPACKED_BYTES } from "./limits";

export const INVENTORY_ERROR_CODES = [
  "INVENTAIRE_FICHIER_VIDE",
  "INVENTAIRE_TROP_VOLUMINEUX",
  "INVENTAIRE_ENCODAGE_INVALIDE",
  "INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE",
  "INVENTAIRE_XLSX_ILLISIBLE",
  "INVENTAIRE_SANS_EN_TETE",
  "INVENTAIRE_SANS_LOGEMENT",
  "INVENTAIRE_COLONNE_MANQUANTE",
  "INVENTAIRE_COLONNE_EN_DOUBLE",
  "INVENTAIRE_CSV_MALFORME",
  "INVENTAIRE_ERREURS_TRONQUEES",
  "INVENTAIRE_NOMBRE_DE_COLONNES",
  "INVENTAIRE_VALEUR_MANQUANTE",
  "INVENTAIRE_RPLS_INVALIDE",
  "INVENTAIRE_RPLS_EN_DOUBLE",
  "INVENTAIRE_RESERVATAIRE_INVALIDE",
  "INVENTAIRE_DEPARTEMENT_INVALIDE",
  "INVENTAIRE_EPCI_INVALIDE",
  "INVENTAIRE_COMMUNE_INVALIDE",
  "INVENTAIRE_COMMUNE_HORS_DEPARTEMENT",
  "INVENTAIRE_QPV_INVALIDE",
  "INVENTAIRE_TYPOLOGIE_INVALIDE",
  "INVENTAIRE_FINANCEMENT_INVALIDE",
  "INVENTAIRE_TYPE_HABITAT_INVALIDE",
  "INVENTAIRE_TAUX_INVALIDE",
  "INVENTAIRE_DATE_INVALIDE",
  "INVENTAIRE_DATES_INCOHERENTES",
  "INVENTAIRE_MOTIF_EXCLUSION_INVALIDE",
  "INVENTAIRE_TROP_DE_LIGNES",
  "INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX",
  "INVENTAIRE_CELLULE_TROP_LONGUE",
  "INVENTAIRE_ANALYSE_INTERROMPUE",
  "INVENTAIRE_ANALYSE_TROP_LONGUE",
  "INVENTAIRE_ANALYSEUR_OCCUPE",
] as const;
export type InventoryErrorCode = (typeof INVENTORY_ERROR_CODES)[number];

export const INVENTORY_WARNING_CODES = [
  "INVENTAIRE_COLONNE_IGNOREE",
  "INVENTAIRE_RESERVATAIRE_SANS_LIGNE",
  "INVENTAIRE_LIGNE_SANS_LOGEMENT",
  "INVENTAIRE_PLUSIEURS_DEPARTEMENTS",
] as const;
export type InventoryWarningCode = (typeof INVENTORY_WARNING_CODES)[number];

/** One problem of an inventory file, located when it concerns a cell: line 1 is the header, columns count from 1. */
export interface InventoryIssue {
  code: InventoryErrorCode;
  message: string;
  line?: number;
  column?: number;
  columnName?: string;
}

export interface InventoryWarning {
  code: InventoryWarningCode;
  message: string;
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
const quoted = (value: string) => `« ${value.length > 60 ? `${value.slice(0, 57)}…` : value} »`;

/** "Ligne 12, colonne 5 (« Commune ») : " — the prefix of every cell message. */
export function cellLocation(line: number, column: number, columnName: string): string {
  return `Ligne ${line}, colonne ${column} (${quoted(columnName)})`;
}

/** Builders of the French messages, one per code. */
export const inventoryMessages = {
  INVENTAIRE_FICHIER_VIDE: () => "Le fichier est vide (0 octet) : choisissez le fichier d'inventaire exporté.",
  INVENTAIRE_TROP_VOLUMINEUX: (bytes: number) =>
    `Le fichier pèse ${megabytes(bytes)} Mo, au-delà de la limite de ${megabytes(MAX_INVENTORY_BYTES)} Mo : découpez l'inventaire par département.`,
  INVENTAIRE_ENCODAGE_INVALIDE: (line: number, byteOffset: number) =>
    `Le fichier n'est pas un texte lisible (ni UTF-8, ni Windows-1252) : octet de contrôle ou binaire à la position ${byteOffset}, ligne ${line}. Exportez l'inventaire en CSV ou en XLSX.`,
  INVENTAIRE_ENCODAGE_NON_PRIS_EN_CHARGE: (encoding: string) =>
    `Le fichier est encodé en ${encoding}, non pris en charge : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) ».`,
  INVENTAIRE_XLSX_ILLISIBLE: (detail: string) =>
    `Le fichier ressemble à une archive (XLSX ou ZIP) mais n'est pas un classeur Excel lisible (${detail}). Enregistrez-le au format .xlsx ou exportez-le en CSV.`,
  INVENTAIRE_SANS_EN_TETE: () =>
    "Le fichier ne contient aucune ligne d'en-tête : la première ligne doit nommer les colonnes (Numéro RPLS, Réservataire…).",
  INVENTAIRE_SANS_LOGEMENT: () => "Le fichier ne contient que la ligne d'en-tête : aucun logement à importer.",
  INVENTAIRE_COLONNE_MANQUANTE: (label: string, accepted: readonly string[]) =>
    `Colonne obligatoire absente : ${quoted(label)}. Intitulés reconnus (casse, accents et espaces indifférents) : ${accepted.join(", ")}.`,
  INVENTAIRE_COLONNE_EN_DOUBLE: (label: string, columns: readonly number[]) =>
    `La colonne ${quoted(label)} apparaît plusieurs fois (colonnes ${columns.join(" et ")}) : gardez-en une seule.`,
  INVENTAIRE_CSV_MALFORME: (line: number, detail: string) =>
    `Ligne ${line} : structure CSV invalide (${detail}) ; vérifiez les guillemets.`,
  INVENTAIRE_ERREURS_TRONQUEES: (shown: number, total: number) =>
    `${total.toLocaleString("fr-FR")} erreurs au total ; seules les ${shown.toLocaleString("fr-FR")} premières sont détaillées.`,

  INVENTAIRE_NOMBRE_DE_COLONNES: (line: number, found: number, expected: number, delimiter: string) =>
    `Ligne ${line} : ${formatCount(found, "valeur", "valeurs")} au lieu de ${expected} ; vérifiez le séparateur ${quoted(delimiter)} et les guillemets (une virgule décimale dans un CSV séparé par des virgules doit être entre guillemets).`,
  INVENTAIRE_VALEUR_MANQUANTE: (location: string, expected: string) => `${location} : valeur manquante ; attendu : ${expected}.`,
  /** Shared by every "this cell does not match its format" code. */
  invalidCell: (location: string, value: string, expected: string) =>
    `${location} : valeur ${quoted(value)} invalide ; attendu : ${expected}.`,
  INVENTAIRE_RPLS_EN_DOUBLE: (location: string, rpls: string, firstLine: number) =>
    `${location} : le numéro RPLS ${quoted(rpls)} figure déjà ligne ${firstLine} ; chaque logement ne doit apparaître qu'une fois.`,
  INVENTAIRE_COMMUNE_HORS_DEPARTEMENT: (location: string, commune: string, departement: string) =>
    `${location} : la commune ${quoted(commune)} n'est pas dans le département ${quoted(departement)} (le code INSEE commence par le code du département).`,
  INVENTAIRE_DATES_INCOHERENTES: (location: string, start: string, end: string) =>
    `${location} : la fin de convention (${end}) précède son début (${start}).`,

  INVENTAIRE_TROP_DE_LIGNES: (line: number) =>
    `Ligne ${line} : l'inventaire dépasse ${MAX_INVENTORY_ROWS.toLocaleString("fr-FR")} logements, la limite d'un import ; découpez-le par département ou par EPCI.`,
  INVENTAIRE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX: (part: string) =>
    `Le classeur, une fois décompressé, dépasse ${megabytes(MAX_XLSX_UNPACKED_BYTES)} Mo (partie ${quoted(part)}) : exportez l'inventaire en CSV (jusqu'à ${megabytes(MAX_INVENTORY_BYTES)} Mo) ou découpez-le.`,
  INVENTAIRE_CELLULE_TROP_LONGUE: (location: string, length: number) =>
    `${location} : la cellule compte ${length.toLocaleString("fr-FR")} caractères, au-delà de ${MAX_CELL_LENGTH.toLocaleString("fr-FR")} ; vérifiez la colonne et les guillemets.`,
  INVENTAIRE_ANALYSE_INTERROMPUE: () =>
    "L'analyse du fichier a été interrompue : il demande plus de mémoire que le serveur n'en accorde à un import. Vérifiez le fichier, ou exportez l'inventaire en CSV.",
  INVENTAIRE_ANALYSE_TROP_LONGUE: (seconds: number) =>
    `L'analyse du fichier a dépassé ${seconds.toLocaleString("fr-FR")} secondes et a été arrêtée : exportez l'inventaire en CSV ou découpez-le.`,
  INVENTAIRE_ANALYSEUR_OCCUPE: () =>
    "D'autres imports sont en cours d'analyse sur le serveur : réessayez dans une minute. Rien n'a été enregistré.",

  INVENTAIRE_COLONNE_IGNOREE: (names: readonly string[]) =>
    `${names.length >= 2 ? "Colonnes non reconnues, ignorées" : "Colonne non reconnue, ignorée"} : ${names.map(quoted).join(", ")}.`,
  INVENTAIRE_RESERVATAIRE_SANS_LIGNE: (id: string, dwellings: number) =>
    `Le réservataire ${quoted(id)} détient ${formatCount(dwellings, "logement", "logements")} du territoire dans l'inventaire mais aucune ligne des paramètres ne le compte : ceux de l'assiette comptent dans la ligne du bailleur.`,
  INVENTAIRE_LIGNE_SANS_LOGEMENT: (id: string) =>
    `Le réservataire ${quoted(id)} des paramètres n'a aucun logement réservé dans l'inventaire : sa part est nulle (vérifiez l'identifiant).`,
  INVENTAIRE_PLUSIEURS_DEPARTEMENTS: (departements: readonly string[]) =>
    `L'inventaire couvre plusieurs départements (${departements.join(", ")}) : précisez le territoire du calcul dans les paramètres, p. ex. "territory": {"departement": "${departements[0]}"}.`,
  INVENTAIRE_EXCLUSIONS_INVALIDES: () =>
    `Paramètre « exclusions » : attendu {"etudiants": true|false, "specifique": true|false} (true = exclus de l'assiette, le défaut).`,
  INVENTAIRE_CODES_INVALIDES: (index: number) =>
    `Paramètre reservataires[${index}].codes : attendu une liste non vide de codes de réservataire tels qu'écrits dans l'inventaire.`,
} as const;
