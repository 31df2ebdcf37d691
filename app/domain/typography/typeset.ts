// French typography for the text the portal prints: the spaces of French punctuation, apostrophes, legal references
// that must not break across lines, numbers bound to their units, grammar at the seams where a name or a figure is
// put into a sentence, and ordinals ("1er", "2e") set apart so that each renderer can raise them. The rules and the
// choices behind them are in docs/decisions/0302-french-typography.md.
//
// The text of one paragraph usually arrives in pieces (runs with their own bold or italic, variables resolved apart
// from the sentence around them), and the rules must see the whole sentence: "de " + "Action Logement Services"
// only elides once joined. `typesetPieces` therefore works on the joined text and hands every character back to the
// piece it came from; an inserted or changed character goes to the piece of the character it replaces.
import { APOSTROPHE, NBHYPHEN, NBSP, NNBSP } from "./characters";
import { DEPARTEMENTS } from "./departements";
import { de, elidesBefore } from "./names";

/** A stretch of typeset text; `superscript` marks the letters of an ordinal ("er" of "1er"). */
export interface Segment {
  text: string;
  superscript?: true;
}

/** Joined text with, for each UTF-16 unit, the index of the piece it belongs to. */
interface Tagged {
  text: string;
  tags: number[];
}

/**
 * Replaces every match of `pattern` (global) by `replace(match)`, keeping the pieces of the characters the
 * replacement leaves as they were (common prefix and suffix), and giving the changed middle the piece of the first
 * character it replaces (or, for a pure insertion, of the character it is inserted before).
 */
function rewrite(input: Tagged, pattern: RegExp, replace: (match: RegExpExecArray) => string): Tagged {
  let text = "";
  const tags: number[] = [];
  let last = 0;
  for (const match of input.text.matchAll(pattern)) {
    const start = match.index;
    const original = match[0];
    const end = start + original.length;
    const replacement = replace(match);
    text += input.text.slice(last, start);
    tags.push(...input.tags.slice(last, start));
    last = end;
    if (replacement === original) {
      text += original;
      tags.push(...input.tags.slice(start, end));
      continue;
    }
    let prefix = 0;
    while (prefix < original.length && prefix < replacement.length && original[prefix] === replacement[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < original.length - prefix &&
      suffix < replacement.length - prefix &&
      original[original.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]
    ) {
      suffix++;
    }
    const middleTag = input.tags[start + prefix] ?? input.tags[start + prefix - 1] ?? input.tags.at(-1) ?? 0;
    text += replacement;
    tags.push(
      ...input.tags.slice(start, start + prefix),
      ...Array<number>(replacement.length - prefix - suffix).fill(middleTag),
      ...input.tags.slice(end - suffix, end),
    );
  }
  text += input.text.slice(last);
  tags.push(...input.tags.slice(last));
  return { text, tags };
}

// ---- What the rules must not touch: links, addresses, code, placeholders, fingerprints, file names ----

const PROTECTED = new RegExp(
  [
    /(?:https?:\/\/|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)\]]/.source, // URLs, without the sentence's final punctuation
    /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.source, // e-mail addresses
    /\{\{[^}]*\}\}/.source, // unresolved template variables, which the export lint must see as they are
    /\[\[[^\]]*\]\]/.source, // unresolved computed blocks
    /`[^`\n]*`/.source, // quoted code
    String.raw`(?<![\p{L}\p{N}])(?=[0-9a-f]*\d)[0-9a-f]{10,}(?![\p{L}\p{N}])`, // fingerprints, RPLS numbers, long identifiers
    String.raw`(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}-]*(?:[._:/][\p{L}\p{N}-]+)+`, // code-like names: flux.total, option:decompte, etat-2026.csv
  ].join("|"),
  "gu",
);
/** One private-use character stands for each protected character while the rules run. */
const MASK = "\uE000";

// ---- The rules ----

const W = "[\\p{L}\\p{N}]";
const SPACE = `[ ${NBSP}${NNBSP}]`;
const rule = (source: string) => new RegExp(source, "gu");

/** Ordinals spelled the old way: "2ème" → "2e", "1ère" → "1re". */
const ORDINAL_SPELLING = rule(`(?<!${W})(\\d+)(?:ème|ième|eme|ieme)(s?)(?!${W})`);
const FIRST_FEMININE = rule(`(?<!${W})1ère(s?)(?!${W})`);
/** Runs of spaces: a plain double space is a typing slip; a mixed run keeps the strongest no-break space. */
const SPACE_RUN = rule(`${SPACE}{2,}`);
/** A straight apostrophe between two letters is an elision ("l'assiette", "aujourd'hui"). */
const STRAIGHT_APOSTROPHE = rule(`(?<=\\p{L})'(?=\\p{L})`);
const OPENING_GUILLEMET = rule(`«${SPACE}*`);
const CLOSING_GUILLEMET = rule(`${SPACE}*»`);
/** « : ; ! ? » after a space: the space becomes a narrow no-break space. */
const SPACED_HIGH_PUNCTUATION = rule(`${SPACE}+([:;!?])`);
/**
 * « ; ! ? » glued to a word, then a space or the end: add the narrow space. "12:30", "https:", "1:2" and
 * "option:decompte" are never followed by a space, so ":" takes the same rule after a letter only.
 */
const GLUED_MARK = rule(`(?<=[\\p{L}\\p{N})\\]»%…])([;!?])(?=[\\s»)]|$)`);
const GLUED_COLON = rule(`(?<=[\\p{L})\\]»%…]):(?=\\s|$)`);
/** Spaces between groups of three digits: "14 476" → the narrow no-break space. */
const THOUSANDS = rule(`(?<![\\p{N},.${NNBSP}${NBSP}])(\\d{1,3})((?:[ ${NBSP}]\\d{3})+)(?![\\p{N}])`);
/** Legal references of the codes: "L. 441-1", "R.441-5-2", "D. 331-1" (article of a law, regulation, decree). */
const CODE_REFERENCE = rule(`(?<!${W})([LRDA])\\.${SPACE}?(\\d+(?:[-${NBHYPHEN}]\\d+)*)(?![\\p{N}])`);
/** Numbers of texts: "n° 2020-145", "N° 2018-1021". */
const TEXT_NUMBER = rule(`(?<!${W})([nN]°)${SPACE}?(\\d+(?:[-${NBHYPHEN}]\\d+)*)(?![\\p{N}])`);
/** "article" and "articles" stay with the reference or number they introduce. */
const ARTICLE_WORD = rule(`(?<!${W})([Aa]rticles?) (?=[LRDA]\\.|\\d)`);
const PERCENT = rule(`(?<=\\d)[ ${NBSP}]?([%‰])`);
const CURRENCY = rule(`(?<=\\d)[ ${NNBSP}]?€`);
/**
 * A whole number and the word that counts or measures: "843 logements", "4,5 ans", "1er janvier". The last number of
 * a reference ("R. 441-5 du code") is not a quantity and is left alone.
 */
const NUMBER_WORD = rule(`(?<=(?<![\\p{L}\\p{N}\\-${NBHYPHEN}.,${NNBSP}])\\d+(?:[,${NNBSP}]\\d+)*(?:er|re|e)?) (?=\\p{Ll})`);
/** "de" + an article before a capitalised name: "de le Nord" → "du Nord", "à les Landes" → "aux Landes". */
const CONTRACTION = rule(`(?<!${W})(de|De|à|À) (les?) (?=\\p{Lu})`);
/** "de" before a word that elides it: "de Action Logement" → "d’Action Logement"; never before h or "onze". */
const ELISION = rule(`(?<!${W})([dD])e (?=(${W}+))`);

const DEPARTEMENT_NAMES = [...DEPARTEMENTS.values()]
  .map((departement) => departement.name)
  .sort((a, b) => b.length - a.length)
  // Names hold only letters, spaces, hyphens and apostrophes: nothing to escape but the apostrophe's two forms.
  .map((name) => name.replace(/[’']/g, "['’]"))
  .join("|");
/** "département de Haute-Garonne" → "département de la Haute-Garonne", with INSEE's article. */
const DEPARTEMENT_ARTICLE = rule(`(?<!${W})([dD]épartements?) de (${DEPARTEMENT_NAMES})(?![\\p{L}\\p{N}-])`);
const DEPARTEMENT_BY_NAME = new Map([...DEPARTEMENTS.values()].map((departement) => [departement.name.replace(/'/g, APOSTROPHE), departement.code]));

/** Nouns (and the words that agree with them) that French keeps singular below 2: "0 logement", "1,5 logement". */
const SINGULARS: Record<string, string> = {
  logements: "logement",
  "logements sociaux": "logement social",
  attributions: "attribution",
  mutations: "mutation",
  relogements: "relogement",
  libérations: "libération",
  "droits uniques": "droit unique",
  "droits de suite": "droit de suite",
  droits: "droit",
  candidats: "candidat",
  ménages: "ménage",
  salariés: "salarié",
  réservataires: "réservataire",
  bailleurs: "bailleur",
  programmes: "programme",
  parties: "partie",
  exemplaires: "exemplaire",
  ans: "an",
  "jours ouvrés": "jour ouvré",
  "jours calendaires": "jour calendaire",
  jours: "jour",
  semaines: "semaine",
};
const PLURAL_NOUNS = Object.keys(SINGULARS)
  .sort((a, b) => b.length - a.length)
  .map((noun) => noun.replace(/ /g, `[ ${NBSP}]`))
  .join("|");
const BELOW_TWO = rule(`(?<![\\p{L}\\p{N},.${NNBSP}${NBSP}\\-${NBHYPHEN}])([01](?:,\\d+)?)([ ${NBSP}])(${PLURAL_NOUNS})(?!${W})`);

/** A figure as format.ts writes it ("14 476", "27,22 %", "−"): nothing for the rules to do. */
const FORMATTED_FIGURE = new RegExp(`^-?[\\d${NNBSP},]*(?:${NNBSP}%)?$`, "u");

const ORDINAL = rule(`(?<!${W})(\\d+)(er|re|ers|res|e|es|nd|nde|nds|ndes)(?!${W})`);

function strongestSpace(run: string): string {
  return run.includes(NNBSP) ? NNBSP : run.includes(NBSP) ? NBSP : " ";
}

function applyRules(input: Tagged): Tagged {
  let t = input;
  t = rewrite(t, ORDINAL_SPELLING, (m) => `${m[1]}e${m[2]}`);
  t = rewrite(t, FIRST_FEMININE, (m) => `1re${m[1]}`);
  t = rewrite(t, SPACE_RUN, (m) => strongestSpace(m[0]));
  t = rewrite(t, STRAIGHT_APOSTROPHE, () => APOSTROPHE);
  t = rewrite(t, OPENING_GUILLEMET, () => `«${NNBSP}`);
  t = rewrite(t, CLOSING_GUILLEMET, () => `${NNBSP}»`);
  t = rewrite(t, SPACED_HIGH_PUNCTUATION, (m) => `${NNBSP}${m[1]}`);
  t = rewrite(t, GLUED_MARK, (m) => `${NNBSP}${m[1]}`);
  t = rewrite(t, GLUED_COLON, () => `${NNBSP}:`);
  t = rewrite(t, THOUSANDS, (m) => m[1] + m[2].replace(/[ \u00A0]/g, NNBSP));
  t = rewrite(t, CODE_REFERENCE, (m) => `${m[1]}.${NBSP}${m[2].replace(/-/g, NBHYPHEN)}`);
  t = rewrite(t, TEXT_NUMBER, (m) => `${m[1]}${NBSP}${m[2].replace(/-/g, NBHYPHEN)}`);
  t = rewrite(t, ARTICLE_WORD, (m) => `${m[1]}${NBSP}`);
  t = rewrite(t, PERCENT, (m) => `${NNBSP}${m[1]}`);
  t = rewrite(t, CURRENCY, () => `${NBSP}€`);
  t = rewrite(t, NUMBER_WORD, () => NBSP);
  t = rewrite(t, DEPARTEMENT_ARTICLE, (m) => {
    const code = DEPARTEMENT_BY_NAME.get(m[2].replace(/'/g, APOSTROPHE));
    const departement = code ? DEPARTEMENTS.get(code) : undefined;
    if (!departement) return m[0];
    const article = ["", "", "le ", "la ", "les ", `l${APOSTROPHE}`][departement.tncc];
    return `${m[1]} ${de(article + m[2])}`;
  });
  t = rewrite(t, CONTRACTION, (m) => {
    const capital = m[1] === "De" || m[1] === "À";
    const contracted = m[1].toLowerCase() === "de" ? (m[2] === "le" ? "du" : "des") : m[2] === "le" ? "au" : "aux";
    return `${capital ? contracted[0].toUpperCase() + contracted.slice(1) : contracted} `;
  });
  t = rewrite(t, ELISION, (m) => (elidesBefore(m[2]) ? `${m[1]}${APOSTROPHE}` : m[0]));
  t = rewrite(t, BELOW_TWO, (m) => {
    const noun = m[3].replace(/[ \u00A0]/g, " ");
    return `${m[1]}${m[2]}${SINGULARS[noun].replace(/ /g, m[3].includes(NBSP) ? NBSP : " ")}`;
  });
  return t;
}

/**
 * Typesets one paragraph given as pieces (its runs, in order); returns, for each piece, its segments. The rules run
 * on the joined text, so that a seam between pieces ("de " | "Action Logement") is typeset like any other place.
 * Idempotent: typesetting typeset text changes nothing.
 */
export function typesetPieces(pieces: readonly string[]): Segment[][] {
  // Most cells of a large table are figures format.ts already wrote; no rule changes them, so skip the rules.
  if (pieces.every((piece) => FORMATTED_FIGURE.test(piece))) return pieces.map((piece) => (piece === "" ? [] : [{ text: piece }]));
  const joined: Tagged = { text: pieces.join(""), tags: pieces.flatMap((piece, index) => Array<number>(piece.length).fill(index)) };
  const hidden: string[] = [];
  // Same length, same pieces: each protected character is replaced by the mask in place.
  const masked: Tagged = {
    text: joined.text.replace(PROTECTED, (span) => {
      hidden.push(span);
      return MASK.repeat(span.length);
    }),
    tags: joined.tags,
  };
  const typeset = applyRules(masked);
  const restoredChars = hidden.join("");
  let next = 0;
  const text = typeset.text.replace(/\uE000/g, () => restoredChars[next++] ?? "");

  // Ordinals are found on the final text, outside protected spans ("…/2e-partie" in a link stays as it is); their
  // letters become superscript segments of the piece that holds them.
  const superscript = new Array<boolean>(text.length).fill(false);
  for (const match of text.matchAll(ORDINAL)) {
    if (typeset.text.slice(match.index, match.index + match[0].length).includes(MASK)) continue;
    const from = match.index + match[1].length;
    for (let index = from; index < from + match[2].length; index++) superscript[index] = true;
  }
  const result: Segment[][] = pieces.map(() => []);
  for (let index = 0; index < text.length; index++) {
    const segments = result[typeset.tags[index]];
    const raised = superscript[index];
    const last = segments.at(-1);
    if (last && Boolean(last.superscript) === raised) last.text += text[index];
    else segments.push(raised ? { text: text[index], superscript: true } : { text: text[index] });
  }
  return result;
}

/** Typesets one string into segments (ordinals apart, for a renderer that raises them). */
export function typeset(text: string): Segment[] {
  return typesetPieces([text])[0];
}

/** Typesets one string into a plain string (ordinals stay inline): labels, table cells, attributes, the read API. */
export function frenchText(text: string): string {
  return typeset(text)
    .map((segment) => segment.text)
    .join("");
}
