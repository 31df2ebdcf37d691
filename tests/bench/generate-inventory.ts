// Deterministic synthetic inventory, written the way French spreadsheets export CSV: Windows-1252, ";" separators,
// decimal commas, dd/mm/yyyy dates. Used by the bench (500 000 dwellings) and by tests that need a large file.
import { mulberry32 } from "../../db/demo-inventory";

/** Reservataire ids of the synthetic inventory, with the weight of each ("" = non réservé). */
export const SYNTHETIC_RESERVATAIRES = [
  ["", 36],
  ["ddets-prio", 20],
  ["ddets-fonct", 4],
  ["al", 25],
  ["toulouse", 8],
  ["cd31", 4],
  ["region", 3],
] as const;

export const SYNTHETIC_HEADER = [
  "Numéro RPLS",
  "Réservataire",
  "Département",
  "EPCI",
  "Commune",
  "QPV",
  "Typologie",
  "Financement",
  "Collectif/individuel",
  "Taux de rotation du bailleur",
  "Taux de rotation du parc ex-réservataire",
  "Date de début de convention",
  "Date de fin de convention",
  "Motif d'exclusion",
];

const EPCIS = ["243100518", "200068815", "243100773", "200071314", "243100633"];
const TYPOLOGIES = ["T1", "T2", "T2", "T3", "T3", "T3", "T4", "T4", "T5", "T6+"];
const FINANCEMENTS = ["PLUS", "PLUS", "PLUS", "PLAI", "PLAI", "PLS", "PLI", "autre"];
const EXCLUSIONS = ["Démolition programmée", "Logement étudiant", "Plan de vente", "Défense nationale", "Logement spécifique"];

const WINDOWS_1252_HIGH: Record<string, number> = { "€": 0x80, "’": 0x92, "œ": 0x9c, "Œ": 0x8c, "«": 0xab, "»": 0xbb };

/** Encodes text as Windows-1252 bytes; throws on a character the code page cannot hold. */
export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[index] = code;
    else {
      const mapped = WINDOWS_1252_HIGH[text[index]];
      if (mapped === undefined) throw new RangeError(`Not representable in Windows-1252: ${text[index]}`);
      bytes[index] = mapped;
    }
  }
  return bytes;
}

/** The CSV text of a synthetic inventory of `dwellings` rows (CRLF line ends, like Excel). */
export function generateInventoryCsv(dwellings: number, seed = 20_260_101): string {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const totalWeight = SYNTHETIC_RESERVATAIRES.reduce((total, [, weight]) => total + weight, 0);
  const communes = Array.from({ length: 60 }, (_, index) => `31${String(1 + index * 9).padStart(3, "0")}`);
  const lines: string[] = [SYNTHETIC_HEADER.join(";")];
  for (let index = 0; index < dwellings; index++) {
    let draw = random() * totalWeight;
    let reservataire = "";
    for (const [id, weight] of SYNTHETIC_RESERVATAIRES) {
      if ((draw -= weight) < 0) {
        reservataire = id;
        break;
      }
    }
    const reserved = reservataire !== "";
    const startYear = 2015 + Math.floor(random() * 9);
    lines.push(
      [
        String(1_000_000_000 + index * 7),
        reservataire,
        "31",
        pick(EPCIS),
        pick(communes),
        random() < 0.18 ? "oui" : "non",
        pick(TYPOLOGIES),
        pick(FINANCEMENTS),
        random() < 0.9 ? "collectif" : "individuel",
        "0,075",
        reserved ? pick(["0,08", "0,065", "0,1"]) : "",
        reserved ? `01/01/${startYear}` : "",
        reserved ? `31/12/${startYear + 10}` : "",
        random() < 0.04 ? pick(EXCLUSIONS) : "",
      ].join(";"),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
