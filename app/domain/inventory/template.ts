// The file a bailleur starts from: the expected columns in their canonical order, with example rows that import as
// they are, in CSV and in XLSX (app/models/inventory-template.server.ts). The import page lists the same columns.
import { INVENTORY_COLUMNS, INVENTORY_FIELDS, type InventoryField } from "./columns";

/** Example dwellings, valid for the importer: what a filled template looks like. */
export const INVENTORY_EXAMPLE_ROWS: readonly Record<InventoryField, string>[] = [
  {
    rpls: "0310012345",
    reservataire: "ddets-prio",
    departement: "31",
    epci: "243100518",
    commune: "31555",
    qpv: "oui",
    typologie: "T3",
    financement: "PLUS",
    habitat: "collectif",
    rotationBailleur: "7,5 %",
    rotationExReservataire: "8 %",
    conventionStart: "01/01/2024",
    conventionEnd: "31/12/2033",
    exclusion: "",
  },
  {
    rpls: "0310012346",
    reservataire: "al",
    departement: "31",
    epci: "243100518",
    commune: "31069",
    qpv: "non",
    typologie: "T2",
    financement: "PLAI",
    habitat: "individuel",
    rotationBailleur: "7,5 %",
    rotationExReservataire: "",
    conventionStart: "",
    conventionEnd: "",
    exclusion: "",
  },
  {
    rpls: "0310012347",
    reservataire: "",
    departement: "31",
    epci: "243100518",
    commune: "31555",
    qpv: "non",
    typologie: "T1",
    financement: "PLS",
    habitat: "collectif",
    rotationBailleur: "7,5 %",
    rotationExReservataire: "",
    conventionStart: "",
    conventionEnd: "",
    exclusion: "Logement étudiant",
  },
];

/** The template's header: every column's canonical French name, in the canonical order. */
export const TEMPLATE_HEADER: readonly string[] = INVENTORY_FIELDS.map((field) => INVENTORY_COLUMNS[field].label);

/** Header then example rows, as cells. */
export function templateRows(): string[][] {
  return [[...TEMPLATE_HEADER], ...INVENTORY_EXAMPLE_ROWS.map((row) => INVENTORY_FIELDS.map((field) => row[field]))];
}

const csvCell = (text: string) => (/[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The CSV template: UTF-8 with a BOM (so that a spreadsheet opens it with its accents), « ; » separators, CRLF lines. */
export function templateCsv(): string {
  return `\uFEFF${templateRows().map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** What the import page lists: each column, whether it is required, what it holds, and an example. */
export function columnGuide() {
  return INVENTORY_FIELDS.map((field) => {
    const column = INVENTORY_COLUMNS[field];
    return {
      field,
      label: column.label,
      required: column.requiredColumn ? (column.requiredCell ? "Obligatoire" : "Colonne obligatoire, cellule facultative") : "Facultative",
      expected: column.expected,
      example: INVENTORY_EXAMPLE_ROWS.map((row) => row[field]).find((v) => v !== "") ?? "",
      synonyms: column.synonyms.slice(0, 3),
    };
  });
}
