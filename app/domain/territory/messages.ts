// The catalogue of every code the territory module can return, with its French message. Codes are stable: forms,
// the search API, the CLI and the inventory aggregates match on them; messages may be reworded freely.
import { formatInteger } from "../format";
import { MAX_SEARCH_LIMIT, MAX_SEARCH_QUERY_LENGTH, MAX_TERRITORY_COMMUNES } from "./limits";

export const TERRITORY_ERROR_CODES = [
  "TERRITOIRE_FORME_INVALIDE",
  "TERRITOIRE_DEPARTEMENT_INVALIDE",
  "TERRITOIRE_EPCI_INVALIDE",
  "TERRITOIRE_COMMUNE_INVALIDE",
  "TERRITOIRE_COMMUNES_VIDE",
  "TERRITOIRE_COMMUNES_TROP_NOMBREUSES",
  "TERRITOIRE_DEPARTEMENT_INCONNU",
  "TERRITOIRE_EPCI_INCONNU",
  "TERRITOIRE_COMMUNE_INCONNUE",
  "TERRITOIRE_COMMUNE_ANCIENNE",
  "TERRITOIRE_COMMUNE_ARRONDISSEMENT",
  "TERRITOIRE_HORS_DEPARTEMENT",
  "RECHERCHE_TERRITOIRE_TEXTE_INVALIDE",
  "RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE",
  "RECHERCHE_TERRITOIRE_LIMITE_INVALIDE",
] as const;
export type TerritoryErrorCode = (typeof TERRITORY_ERROR_CODES)[number];

/** Which part of a territory a problem is about: `communes` with the 0-based `index` of the list entry. */
export type TerritoryField = "territoire" | "departement" | "epci" | "communes" | "q" | "limit";

/** One reason why a territory (or a territory search) was refused. */
export interface TerritoryIssue {
  code: TerritoryErrorCode;
  message: string;
  field: TerritoryField;
  index?: number;
}

const quoted = (value: string) => `« ${value.length > 40 ? `${value.slice(0, 37)}…` : value} »`;
const nth = (index: number) => `Commune n° ${index + 1} de la liste`;
const FORMS = '{ "departement": "31" }, { "epci": "243100518" } ou { "communes": ["31069", "31157"] }';

/** Builders of the French messages, one per code. */
export const territoryMessages = {
  TERRITOIRE_FORME_INVALIDE: (detail: string) => `Territoire invalide : ${detail} Formes attendues : ${FORMS}.`,
  TERRITOIRE_DEPARTEMENT_INVALIDE: (value: string) =>
    `Le code de département ${quoted(value)} n'est pas valide : attendu 01 à 95, 2A, 2B ou 971 à 976 (par exemple 31).`,
  TERRITOIRE_EPCI_INVALIDE: (value: string) =>
    `Le SIREN d'EPCI ${quoted(value)} n'est pas valide : attendu 9 chiffres (par exemple 243100518 pour Toulouse Métropole).`,
  TERRITOIRE_COMMUNE_INVALIDE: (index: number, value: string) =>
    `${nth(index)} : le code INSEE ${quoted(value)} n'est pas valide : attendu 5 caractères, le code du département d'abord (par exemple 31069 ; 2A004 en Corse).`,
  TERRITOIRE_COMMUNES_VIDE: () => "La liste de communes est vide : ajoutez au moins une commune.",
  TERRITOIRE_COMMUNES_TROP_NOMBREUSES: (count: number) =>
    `La liste compte ${formatInteger(count)} communes, au-delà de la limite de ${formatInteger(MAX_TERRITORY_COMMUNES)} : choisissez plutôt l'EPCI ou le département.`,
  TERRITOIRE_DEPARTEMENT_INCONNU: (code: string, millesime: number) =>
    `Le département ${quoted(code)} ne figure pas dans la géographie officielle au 1er janvier ${millesime}.`,
  TERRITOIRE_EPCI_INCONNU: (siren: string, millesime: number) =>
    `Aucun EPCI à fiscalité propre n'a le SIREN ${siren} au 1er janvier ${millesime} : vérifiez le numéro, ou cherchez l'EPCI par son nom.`,
  TERRITOIRE_COMMUNE_INCONNUE: (code: string, millesime: number) =>
    `Le code INSEE ${code} ne correspond à aucune commune, actuelle ou ancienne, de la géographie officielle au 1er janvier ${millesime} : vérifiez le code.`,
  TERRITOIRE_COMMUNE_ANCIENNE: (code: string, formerName: string | null, current: string, currentName: string) =>
    `Le code INSEE ${code}${formerName ? ` (${formerName})` : ""} n'est plus en vigueur : cette commune a fusionné dans ${currentName} (${current}). Indiquez ${current}.`,
  TERRITOIRE_COMMUNE_ARRONDISSEMENT: (code: string, name: string, current: string, currentName: string) =>
    `Le code INSEE ${code} désigne un arrondissement municipal (${name}) : un territoire se compose de communes entières, indiquez ${currentName} (${current}).`,
  /** `expected` and `actual` in their "de" form with the code: "du Gers (32)". */
  TERRITOIRE_HORS_DEPARTEMENT: (subject: "departement" | "epci" | "commune", name: string, expected: string, actual = "") =>
    subject === "departement"
      ? `Le département ${actual} n'est pas le département attendu : celui ${expected}.`
      : subject === "epci"
        ? `L'EPCI ${name} n'a aucune commune dans le département attendu : celui ${expected}.`
        : `La commune ${name} est dans le département ${actual}, non dans le département attendu : celui ${expected}.`,
  RECHERCHE_TERRITOIRE_TEXTE_INVALIDE: () =>
    `Indiquez le texte à chercher (paramètre q, 1 à ${MAX_SEARCH_QUERY_LENGTH} caractères) : un nom ou un code de département, d'EPCI ou de commune.`,
  RECHERCHE_TERRITOIRE_DEPARTEMENT_INVALIDE: (value: string) =>
    `Le paramètre departement ${quoted(value)} n'est pas un code de département : attendu 01 à 95, 2A, 2B ou 971 à 976.`,
  RECHERCHE_TERRITOIRE_LIMITE_INVALIDE: (value: string) =>
    `Le paramètre limit ${quoted(value)} n'est pas valide : attendu un nombre entier de 1 à ${MAX_SEARCH_LIMIT}.`,
} as const;
