// Prepositions before a name: French elides "de" before a vowel ("d’Action Logement Services") and contracts "de"
// and "à" with the articles "le" and "les" ("du Conseil départemental", "aux Hauts-de-Seine"). A name carries its
// own article when it has one ("la Ville de Blagnac", withArticle("31") → "la Haute-Garonne").
import { APOSTROPHE } from "./characters";

/**
 * Words that start with a vowel and still refuse elision ("le onze", "de oui"), and words that start with a mute h
 * and take it ("d’Habitat 31", "l’Hérault"): h is treated as aspirated otherwise ("de Haute-Garonne").
 */
const NO_ELISION = /^(?:onze|onzième|oui|ouate|ouistiti|yaourt|yacht)(?![\p{L}\p{N}])/iu;
const MUTE_H = /^h(?:abitat|abitation|érault|ôpital|ôtel|uissier|umanisme|orizon)/iu;
const VOWEL = /^[aeiouâêîôûéèëïüœæ]/iu;

/** True when "de", "le" or "que" elide before this word: a vowel or a mute h, except "onze", "oui"… */
export function elidesBefore(word: string): boolean {
  if (NO_ELISION.test(word)) return false;
  return VOWEL.test(word) || MUTE_H.test(word);
}

function splitArticle(name: string): { article: "le" | "les" | null; rest: string } {
  const match = /^(le|les)\s+(.*)$/su.exec(name);
  return match ? { article: match[1] as "le" | "les", rest: match[2] } : { article: null, rest: name };
}

/**
 * "de" before a name: "Action Logement Services" → "d’Action Logement Services", "le Nord" → "du Nord",
 * "les Landes" → "des Landes", "la Haute-Garonne" → "de la Haute-Garonne", "l’Ain" → "de l’Ain",
 * "Ville de Blagnac" → "de Ville de Blagnac".
 */
export function de(name: string): string {
  const trimmed = name.trim();
  const { article, rest } = splitArticle(trimmed);
  if (article === "le") return `du ${rest}`;
  if (article === "les") return `des ${rest}`;
  return elidesBefore(trimmed) ? `d${APOSTROPHE}${trimmed}` : `de ${trimmed}`;
}

/** "à" before a name: "le Nord" → "au Nord", "les Landes" → "aux Landes", "la Gironde" → "à la Gironde". */
export function a(name: string): string {
  const trimmed = name.trim();
  const { article, rest } = splitArticle(trimmed);
  if (article === "le") return `au ${rest}`;
  if (article === "les") return `aux ${rest}`;
  return `à ${trimmed}`;
}
