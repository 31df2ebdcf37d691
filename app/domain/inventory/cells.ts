// Parsers of single inventory cells: each takes the trimmed text of a non-empty cell and returns the value, or
// `undefined` when the text does not match the format (the caller then reports the column's expected format).
import { MAX_DATE_YEAR, MAX_LABEL_LENGTH, MIN_DATE_YEAR, RPLS_LENGTH } from "./limits";

export const TYPOLOGIES = ["T1", "T2", "T3", "T4", "T5", "T6+"] as const;
export type Typologie = (typeof TYPOLOGIES)[number];

export const FINANCEMENTS = ["PLAI", "PLUS", "PLS", "PLI", "autre"] as const;
export type Financement = (typeof FINANCEMENTS)[number];

export const HABITATS = ["collectif", "individuel"] as const;
export type Habitat = (typeof HABITATS)[number];

/**
 * Reasons a dwelling leaves the flux perimeter (docs/domain.md, "Exclusions"). `always`: always out of the assiette
 * (by law, and for sale-plan and demolition dwellings by the référentiel, which says they must be taken out); the
 * others (students, specific housing) are an option of the convention, excluded by default.
 */
export const EXCLUSION_REASONS = {
  defense: { label: "Défense nationale", always: true },
  securite_interieure: { label: "Sécurité intérieure", always: true },
  sante: { label: "Établissement public de santé", always: true },
  vente: { label: "Plan de vente", always: true },
  demolition: { label: "Démolition programmée", always: true },
  etudiants: { label: "Logement étudiant", always: false },
  specifique: { label: "Logement spécifique (foyer, résidence, IML)", always: false },
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;
export const EXCLUSION_REASON_CODES = Object.keys(EXCLUSION_REASONS) as ExclusionReason[];

/** Lower case, no accents, every run of other characters as one space: "Logement  Étudiant." → "logement etudiant". */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, " ")
    .trim();
}

const RPLS_PATTERN = new RegExp(`^[0-9A-Za-z]{${RPLS_LENGTH}}$`);

/** RPLS dwelling number: exactly 10 letters or digits, kept in upper case. */
export function parseRpls(text: string): string | undefined {
  return RPLS_PATTERN.test(text) ? text.toUpperCase() : undefined;
}

const NON_RESERVE = new Set(["non reserve", "nonreserve", "non reserves", "aucun", "bailleur", "libre"]);

/** Réservataire identifier as written (matched against the parameters' ids); `null` when the dwelling is non réservé. */
export function parseReservataire(text: string): string | null | undefined {
  if (NON_RESERVE.has(normalizeText(text))) return null;
  return text.length <= MAX_LABEL_LENGTH ? text : undefined;
}

/** Département code: 01…95, 2A, 2B, 971…976; a single digit gets its leading zero back (spreadsheets drop it). */
export function parseDepartement(text: string): string | undefined {
  const code = /^\d$/.test(text) ? `0${text}` : text.toUpperCase();
  if (/^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9]|2A|2B|97[1-6])$/.test(code)) return code;
  return undefined;
}

/** EPCI: its SIREN (9 digits) or its name. */
export function parseEpci(text: string): string | undefined {
  return text.length <= MAX_LABEL_LENGTH ? text : undefined;
}

/** Commune INSEE code on 5 characters; a 4-digit code gets its leading zero back. */
export function parseCommune(text: string): string | undefined {
  const code = /^\d{4}$/.test(text) ? `0${text}` : text.toUpperCase();
  return /^(\d{5}|2[AB]\d{3})$/.test(code) ? code : undefined;
}

/** True when the commune's INSEE code starts with its département's code (3 digits overseas). */
export function communeInDepartement(commune: string, departement: string): boolean {
  return commune.startsWith(departement);
}

const YES = new Set(["oui", "o", "1", "vrai", "true", "yes", "y", "x", "qpv", "en qpv"]);
const NO = new Set(["non", "n", "0", "faux", "false", "no", "hors qpv", "horsqpv"]);

/** QPV flag: oui/non and the usual spreadsheet spellings. */
export function parseQpv(text: string): boolean | undefined {
  const value = normalizeText(text);
  return YES.has(value) ? true : NO.has(value) ? false : undefined;
}

/** Typologie T1…T5, T6+ ("T7", "6 pièces", "T6 et plus" are T6+; "studio", "T1 bis" are T1). */
export function parseTypologie(text: string): Typologie | undefined {
  const value = normalizeText(text).replace(/ /g, "");
  if (value === "studio") return "T1";
  const match = /^(?:t|f)?(\d{1,2})(?:bis|\+|etplus|pieces?)?$/.exec(value);
  if (!match) return undefined;
  const rooms = Number(match[1]);
  if (rooms < 1) return undefined;
  return rooms >= 6 ? "T6+" : (`T${rooms}` as Typologie);
}

const FINANCEMENT_SYNONYMS: Record<string, Financement> = {
  plai: "PLAI",
  plaiadapte: "PLAI",
  plus: "PLUS",
  pluscd: "PLUS",
  pls: "PLS",
  pli: "PLI",
  autre: "autre",
  autres: "autre",
};

/** Financement PLAI, PLUS, PLS, PLI or autre (PLA-I, PLUS-CD and case variants accepted). */
export function parseFinancement(text: string): Financement | undefined {
  return FINANCEMENT_SYNONYMS[normalizeText(text).replace(/ /g, "")];
}

const HABITAT_SYNONYMS: Record<string, Habitat> = {
  collectif: "collectif",
  c: "collectif",
  coll: "collectif",
  "logement collectif": "collectif",
  individuel: "individuel",
  i: "individuel",
  ind: "individuel",
  indiv: "individuel",
  "logement individuel": "individuel",
};

/** Collectif or individuel (C/I as in RPLS). */
export function parseHabitat(text: string): Habitat | undefined {
  return HABITAT_SYNONYMS[normalizeText(text)];
}

/**
 * A rotation rate as a plain decimal string with a point: "0,075" and "7,5 %" both give "0.075". Without a percent
 * sign the value is a fraction and must lie between 0 and 1.
 */
export function parseRate(text: string): string | undefined {
  const match = /^(\d{1,6})(?:[.,](\d{1,12}))?\s*(%)?$/.exec(text);
  if (!match) return undefined;
  let integerPart = match[1];
  let fraction = match[2] ?? "";
  if (match[3]) {
    // Move the point two places left without going through floats.
    const digits = integerPart.padStart(3, "0");
    fraction = digits.slice(-2) + fraction;
    integerPart = digits.slice(0, -2);
  }
  integerPart = integerPart.replace(/^0+(?=\d)/, "");
  fraction = fraction.replace(/0+$/, "");
  if (integerPart !== "0" && !(integerPart === "1" && fraction === "")) return undefined;
  return fraction ? `${integerPart}.${fraction}` : integerPart;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < MIN_DATE_YEAR || year > MAX_DATE_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A real calendar date written dd/mm/yyyy (also with "-" or ".") or yyyy-mm-dd, as ISO "yyyy-mm-dd". */
export function parseDate(text: string): string | undefined {
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return undefined;
}

const EXCLUSION_SYNONYMS: Record<string, ExclusionReason> = (() => {
  const table: Record<string, ExclusionReason> = {};
  for (const code of EXCLUSION_REASON_CODES) {
    table[normalizeText(code)] = code;
    table[normalizeText(EXCLUSION_REASONS[code].label)] = code;
  }
  const extra: Record<string, ExclusionReason> = {
    defense: "defense",
    "defense nationale": "defense",
    "ministere des armees": "defense",
    police: "securite_interieure",
    gendarmerie: "securite_interieure",
    "securite interieure": "securite_interieure",
    sante: "sante",
    hopital: "sante",
    "etablissement de sante": "sante",
    "etablissements publics de sante": "sante",
    vente: "vente",
    "en vente": "vente",
    "plan de vente": "vente",
    "plan de mise en vente": "vente",
    demolition: "demolition",
    "demolition prevue": "demolition",
    "demolition programmee": "demolition",
    etudiant: "etudiants",
    etudiants: "etudiants",
    "logement etudiant": "etudiants",
    "logements etudiants": "etudiants",
    "residence etudiante": "etudiants",
    specifique: "specifique",
    "logement specifique": "specifique",
    "logements specifiques": "specifique",
    foyer: "specifique",
    "residence sociale": "specifique",
    iml: "specifique",
  };
  return { ...table, ...extra };
})();

/** Exclusion reason by code or French label ("Démolition programmée", "demolition", "Logement étudiant"…). */
export function parseExclusion(text: string): ExclusionReason | undefined {
  return EXCLUSION_SYNONYMS[normalizeText(text)];
}
