// The columns of an inventory (docs/domain.md, "État des lieux": the 13 agreed indicators, plus the exclusion reason) and the tolerant
// matching of a file's header onto them.
import type { InventoryErrorCode, InventoryIssue } from "./messages";
import { inventoryMessages } from "./messages";

export const INVENTORY_FIELDS = [
  "rpls",
  "reservataire",
  "departement",
  "epci",
  "commune",
  "qpv",
  "typologie",
  "financement",
  "habitat",
  "rotationBailleur",
  "rotationExReservataire",
  "conventionStart",
  "conventionEnd",
  "exclusion",
] as const;
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

export interface InventoryColumn {
  field: InventoryField;
  /** The canonical French header, used in messages and in the template file. */
  label: string;
  /** What a cell must contain, in French, for error messages. */
  expected: string;
  /** Code of the error when a cell does not match `expected`. */
  invalidCode: InventoryErrorCode;
  /** The file must have this column. */
  requiredColumn: boolean;
  /** Every row must fill this cell. */
  requiredCell: boolean;
  /** Header spellings recognised, besides the label (compared after normalizeHeader). */
  synonyms: readonly string[];
}

export const INVENTORY_COLUMNS: Record<InventoryField, InventoryColumn> = {
  rpls: {
    field: "rpls",
    label: "Numéro RPLS",
    expected: "le numéro RPLS du logement, 10 chiffres ou lettres (p. ex. 0310012345)",
    invalidCode: "INVENTAIRE_RPLS_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["RPLS", "N° RPLS", "No RPLS", "Num RPLS", "Numéro de logement RPLS", "Identifiant RPLS", "Id RPLS", "Code RPLS", "Numéro logement"],
  },
  reservataire: {
    field: "reservataire",
    label: "Réservataire",
    expected: "l'identifiant du réservataire (p. ex. al, ddets-prio), ou vide / « non réservé »",
    invalidCode: "INVENTAIRE_RESERVATAIRE_INVALIDE",
    requiredColumn: true,
    requiredCell: false,
    synonyms: ["Identifiant réservataire", "Id réservataire", "Code réservataire", "Contingent", "Contingent d'appartenance", "Réservataire du logement"],
  },
  departement: {
    field: "departement",
    label: "Département",
    expected: "le code du département (p. ex. 31, 2A, 974)",
    invalidCode: "INVENTAIRE_DEPARTEMENT_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Code département", "Dép", "Dept", "DEP", "Département du logement"],
  },
  epci: {
    field: "epci",
    label: "EPCI",
    expected: "le SIREN de l'EPCI (9 chiffres) ou son nom, au plus 120 caractères",
    invalidCode: "INVENTAIRE_EPCI_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Code EPCI", "SIREN EPCI", "EPCI SIREN", "Intercommunalité", "Nom EPCI"],
  },
  commune: {
    field: "commune",
    label: "Commune (code INSEE)",
    expected: "le code INSEE de la commune sur 5 caractères, commençant par le département (p. ex. 31555)",
    invalidCode: "INVENTAIRE_COMMUNE_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Commune", "Code commune", "Code INSEE", "INSEE", "Commune INSEE", "Code INSEE commune", "DEPCOM", "Code INSEE de la commune"],
  },
  qpv: {
    field: "qpv",
    label: "QPV",
    expected: "oui ou non",
    invalidCode: "INVENTAIRE_QPV_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["En QPV", "QPV oui/non", "Quartier prioritaire", "Logement en QPV", "Situé en QPV", "Quartier prioritaire de la ville"],
  },
  typologie: {
    field: "typologie",
    label: "Typologie",
    expected: "T1, T2, T3, T4, T5 ou T6+",
    invalidCode: "INVENTAIRE_TYPOLOGIE_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Typo", "Type de logement", "Type logement", "Nombre de pièces", "Nb pièces", "NBPIECE"],
  },
  financement: {
    field: "financement",
    label: "Financement",
    expected: "PLAI, PLUS, PLS, PLI ou autre",
    invalidCode: "INVENTAIRE_FINANCEMENT_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Type de financement", "Financement initial", "Mode de financement", "FINAN", "Catégorie de financement"],
  },
  habitat: {
    field: "habitat",
    label: "Collectif/individuel",
    expected: "collectif ou individuel (C ou I)",
    invalidCode: "INVENTAIRE_TYPE_HABITAT_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Collectif ou individuel", "Individuel/collectif", "Type de construction", "TYPECONST", "Type d'habitat", "Habitat", "Collectif individuel"],
  },
  rotationBailleur: {
    field: "rotationBailleur",
    label: "Taux de rotation du bailleur",
    expected: "un taux entre 0 et 1 (p. ex. 0,075) ou un pourcentage (p. ex. 7,5 %)",
    invalidCode: "INVENTAIRE_TAUX_INVALIDE",
    requiredColumn: true,
    requiredCell: true,
    synonyms: ["Taux de rotation bailleur", "Rotation bailleur", "Taux rotation bailleur", "Taux de rotation moyen du bailleur", "Taux de rotation du bailleur dans le département"],
  },
  rotationExReservataire: {
    field: "rotationExReservataire",
    label: "Taux de rotation du parc ex-réservataire",
    expected: "un taux entre 0 et 1 (p. ex. 0,08) ou un pourcentage (p. ex. 8 %), ou vide",
    invalidCode: "INVENTAIRE_TAUX_INVALIDE",
    requiredColumn: true,
    requiredCell: false,
    synonyms: ["Taux de rotation parc ex-réservataire", "Taux de rotation ex-réservataire", "Rotation ex-réservataire", "Rotation parc ex-réservataire", "Taux de rotation du parc du réservataire", "Taux de rotation réservataire"],
  },
  conventionStart: {
    field: "conventionStart",
    label: "Date de début de convention",
    expected: "une date JJ/MM/AAAA ou AAAA-MM-JJ (p. ex. 01/01/2024), ou vide",
    invalidCode: "INVENTAIRE_DATE_INVALIDE",
    requiredColumn: true,
    requiredCell: false,
    synonyms: ["Début de convention", "Date début convention", "Début convention", "Date de début", "Date d'effet de la convention"],
  },
  conventionEnd: {
    field: "conventionEnd",
    label: "Date de fin de convention",
    expected: "une date JJ/MM/AAAA ou AAAA-MM-JJ (p. ex. 31/12/2033), ou vide",
    invalidCode: "INVENTAIRE_DATE_INVALIDE",
    requiredColumn: true,
    requiredCell: false,
    synonyms: ["Fin de convention", "Date fin convention", "Fin convention", "Date de fin", "Date d'échéance de la convention", "Échéance convention"],
  },
  exclusion: {
    field: "exclusion",
    label: "Motif d'exclusion",
    expected:
      "vide, ou un motif : Défense nationale, Sécurité intérieure, Établissement public de santé, Plan de vente, Démolition programmée, Logement étudiant, Logement spécifique",
    invalidCode: "INVENTAIRE_MOTIF_EXCLUSION_INVALIDE",
    requiredColumn: false,
    requiredCell: false,
    synonyms: ["Motif exclusion", "Exclusion", "Exclu", "Motif de sortie du flux", "Hors flux", "Motif hors flux"],
  },
};

// Particles dropped so that "Taux de rotation du bailleur" and "taux_rotation_bailleur" compare equal.
const STOPWORDS = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "en", "et", "ou", "a", "au", "aux"]);

/** Header key: no case, accents, spaces, underscores, punctuation or French particles ("N° RPLS" → "nrpls"). */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9+]+/)
    .filter((token) => token !== "" && !STOPWORDS.has(token))
    .join("");
}

/** A column of a tabular file as header matching sees it (inventories, décompte events). */
export interface HeaderColumn<F extends string> {
  field: F;
  label: string;
  synonyms: readonly string[];
  requiredColumn: boolean;
}

/** Normalised spelling → field, for every label, field name and synonym of the columns. */
export function headerSynonyms<F extends string>(columns: readonly HeaderColumn<F>[]): ReadonlyMap<string, F> {
  const table = new Map<string, F>();
  for (const column of columns) {
    for (const spelling of [column.label, column.field, ...column.synonyms]) table.set(normalizeHeader(spelling), column.field);
  }
  return table;
}

/** How a header row maps onto a file's fields: positions (−1 when absent), and what is missing or repeated. */
export interface ColumnsMatch<F extends string> {
  positions: Record<F, number>;
  /** Header cells that name no field. */
  ignored: string[];
  /** The header cells, trimmed (messages quote a column by the name the file gives it). */
  names: string[];
  /** Required columns absent from the header. */
  missing: F[];
  /** Fields named by several header cells, with their 1-based column numbers. */
  duplicates: { field: F; columns: number[] }[];
}

/**
 * Maps a header row onto fields, tolerant of case, accents, spaces, underscores and French particles: the header
 * matching shared by every import of a tabular file, each of which words its own refusals.
 */
export function matchColumns<F extends string>(cells: readonly string[], columns: readonly HeaderColumn<F>[], synonyms: ReadonlyMap<string, F>): ColumnsMatch<F> {
  const found = new Map<F, number[]>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const field = synonyms.get(normalizeHeader(cell));
    if (field === undefined) {
      if (cell.trim() !== "") ignored.push(cell.trim());
      return;
    }
    found.set(field, [...(found.get(field) ?? []), index]);
  });
  const positions = {} as Record<F, number>;
  const missing: F[] = [];
  const duplicates: { field: F; columns: number[] }[] = [];
  for (const column of columns) {
    const indexes = found.get(column.field) ?? [];
    if (indexes.length === 0 && column.requiredColumn) missing.push(column.field);
    else if (indexes.length > 1) duplicates.push({ field: column.field, columns: indexes.map((index) => index + 1) });
    positions[column.field] = indexes[0] ?? -1;
  }
  return { positions, ignored, names: cells.map((cell) => cell.trim()), missing, duplicates };
}

const HEADER_SYNONYMS: ReadonlyMap<string, InventoryField> = headerSynonyms(Object.values(INVENTORY_COLUMNS));

/** The field a header cell names, if any. */
export function fieldOfHeader(text: string): InventoryField | undefined {
  return HEADER_SYNONYMS.get(normalizeHeader(text));
}

/** Where each field sits in the file (0-based column index, −1 when the optional column is absent). */
export type ColumnPositions = Record<InventoryField, number>;

export type HeaderMatch =
  | { ok: true; positions: ColumnPositions; ignored: string[]; names: string[] }
  | { ok: false; issues: InventoryIssue[] };

/** Maps a header row onto the inventory fields; reports every missing or duplicated column at once. */
export function matchHeader(cells: readonly string[]): HeaderMatch {
  const match = matchColumns(cells, INVENTORY_FIELDS.map((field) => INVENTORY_COLUMNS[field]), HEADER_SYNONYMS);
  const issues: InventoryIssue[] = [];
  const duplicated = new Map(match.duplicates.map((d) => [d.field, d.columns]));
  for (const field of INVENTORY_FIELDS) {
    const column = INVENTORY_COLUMNS[field];
    const columns = duplicated.get(field);
    if (match.missing.includes(field)) {
      issues.push({
        code: "INVENTAIRE_COLONNE_MANQUANTE",
        message: inventoryMessages.INVENTAIRE_COLONNE_MANQUANTE(column.label, [column.label, ...column.synonyms]),
        line: 1,
        columnName: column.label,
      });
    } else if (columns) {
      issues.push({
        code: "INVENTAIRE_COLONNE_EN_DOUBLE",
        message: inventoryMessages.INVENTAIRE_COLONNE_EN_DOUBLE(column.label, columns),
        line: 1,
        column: columns[1],
        columnName: column.label,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, positions: match.positions, ignored: match.ignored, names: match.names };
}
