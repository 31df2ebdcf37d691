// Internal codes shown as text: the list of codes comes from the vocabulary and the templates, never from a hand-kept
// list, so that a code added tomorrow is checked too. A code that is also an ordinary French word of the labels or of
// the templates' text ("directe", "commune", "version") cannot be told apart from that word: it is flagged only when
// it stands alone in brackets, as a code shown after a label does (« Gestion du contingent (deleguee) »).
import { TEMPLATES } from "../../templates";
import { vocabularyCodes, vocabularyLabels } from "../../app/domain/vocabulary";

function templateCodes(): string[] {
  return TEMPLATES.flatMap((t) => [
    ...t.options.flatMap((o) => [o.key, ...o.choices.flatMap((c) => [c.value, ...(c.params ?? []).map((p) => p.key)])]),
    ...t.sections.flatMap((s) => ("key" in s ? [s.key] : [])),
  ]);
}

function frenchCorpus(): string {
  const templateText = TEMPLATES.flatMap((t) => [
    t.title,
    t.description,
    ...t.options.flatMap((o) => [o.label, o.description, ...o.choices.flatMap((c) => [c.label, c.clause, ...(c.params ?? []).map((p) => p.label)])]),
    ...t.sections.flatMap((s) => [...("title" in s ? [s.title] : []), ...s.blocks]),
  ]);
  return [...vocabularyLabels(), ...templateText].join("\n");
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (code: string, flags = "u") => new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(code)}(?![\\p{L}\\p{N}_-])`, flags);

export interface CodeScanner {
  codes: string[];
  /** Codes that no French label or template text contains as a word: seen anywhere, they are a leak. */
  distinctive: string[];
  find(text: string): string[];
}

export function codeScanner(): CodeScanner {
  const codes = [...new Set([...vocabularyCodes(), ...templateCodes()])].filter((c) => c.length >= 2).sort();
  const corpus = frenchCorpus();
  // "commentaire" is the label « Commentaire » in lower case: a word, whatever its case.
  const distinctive = codes.filter((c) => !word(c, "iu").test(corpus));
  const anywhere = distinctive.map((c) => [c, word(c)] as const);
  const bracketed = codes.map((c) => [c, new RegExp(`\\(\\s*${escape(c)}\\s*\\)`, "u")] as const);
  return {
    codes,
    distinctive,
    find(text: string) {
      const found = new Set<string>();
      for (const [code, pattern] of anywhere) if (pattern.test(text)) found.add(code);
      for (const [code, pattern] of bracketed) if (pattern.test(text)) found.add(`(${code})`);
      return [...found];
    },
  };
}
