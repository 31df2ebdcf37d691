// A lint of an exported DOCX, for tests: it reads the Word parts back as a reader would (document, headers, footers,
// table cells included) and reports what a juriste would circle in red: French punctuation without its no-break
// space, straight apostrophes, placeholders left unresolved, decimal points, legal references that can break across
// lines (inside the reference, or between « article » and what it introduces), and figures quoted in the text that
// disagree with the flux table. Each finding names the part, the
// paragraph and the text around it, so that whoever rewrites a clause or a renderer sees what to fix.
//
// It is written apart from app/domain/typography on purpose: it checks the output, not the rules that produced it.
import JSZip from "jszip";

export type LintRule =
  | "espace-avant-ponctuation"
  | "espace-guillemets"
  | "apostrophe-droite"
  | "champ-non-resolu"
  | "point-decimal"
  | "reference-secable"
  | "chiffre";

export interface LintFinding {
  rule: LintRule;
  /** The part of the package, e.g. "word/document.xml". */
  part: string;
  /** 1-based index of the paragraph in its part (table cells count as paragraphs). */
  paragraph: number;
  /** The paragraph's text around the finding, the offending characters between ⟦ ⟧. */
  excerpt: string;
  /** What is wrong and what is expected, in French. */
  message: string;
}

/**
 * A figure the text must quote as the flux table gives it: every match of `pattern` (its first group is the figure)
 * must equal `expected`; with `required` (the default), at least one match must exist.
 */
export interface FigureCheck {
  label: string;
  pattern: RegExp;
  expected: string;
  required?: boolean;
}

export interface LintOptions {
  figures?: readonly FigureCheck[];
}

export interface DocxParagraph {
  part: string;
  index: number;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, name: string) =>
    name.startsWith("#x") ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : XML_ENTITIES[name],
  );

/**
 * The text of each paragraph as Word lays it out: w:t runs, tabs as "\t", line breaks (w:br, w:cr) as "\n",
 * Word's no-break hyphen as U+2011; soft hyphens and field codes left out.
 */
export function paragraphsOfXml(part: string, xml: string): DocxParagraph[] {
  const paragraphs: DocxParagraph[] = [];
  for (const [p] of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    let text = "";
    for (const token of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:cr\/>|<w:noBreakHyphen\/>/g)) {
      if (token[1] !== undefined) text += unescapeXml(token[1]);
      else if (token[0] === "<w:tab/>") text += "\t";
      else if (token[0] === "<w:noBreakHyphen/>") text += "\u2011";
      else text += "\n";
    }
    paragraphs.push({ part, index: paragraphs.length + 1, text });
  }
  return paragraphs;
}

/** Every paragraph of the document body, then of the headers and footers. */
export async function readDocxParagraphs(bytes: Uint8Array): Promise<DocxParagraph[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
    .sort((a, b) => (a === "word/document.xml" ? -1 : b === "word/document.xml" ? 1 : a < b ? -1 : 1));
  const paragraphs: DocxParagraph[] = [];
  for (const name of names) paragraphs.push(...paragraphsOfXml(name, await zip.file(name)!.async("string")));
  return paragraphs;
}

const VISIBLE: Record<string, string> = { "\u00A0": "[espace insécable]", "\u202F": "[espace fine insécable]", "\n": "[saut de ligne]", " ": "[espace]" };
const show = (text: string) => text.replace(/[\u00A0\u202F\n]/g, (char) => VISIBLE[char]);

function excerpt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  return `${from > 0 ? "…" : ""}${text.slice(from, start)}⟦${text.slice(start, end)}⟧${text.slice(end, to)}${to < text.length ? "…" : ""}`.replace(/\n/g, "↵");
}

/** Spans of a paragraph the rules leave alone: links and e-mail addresses, where ":" "?" and "'" are syntax. */
function protectedSpans(text: string): [number, number][] {
  return [...text.matchAll(/(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`]*`/g)].map((match) => [match.index, match.index + match[0].length]);
}

const inside = (spans: [number, number][], index: number) => spans.some(([from, to]) => index >= from && index < to);

/** Parses a French figure ("27,22 %", "1 043", "843,00") into a number and whether it is a percentage. */
function figureValue(text: string): { value: number; percent: boolean } | undefined {
  const compact = text.replace(/[\s\u00A0\u202F]/g, "");
  const percent = compact.endsWith("%");
  const digits = (percent ? compact.slice(0, -1) : compact).replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(digits) ? { value: Number(digits), percent } : undefined;
}

/** Lints paragraphs already read; see `lintDocx`. */
export function lintParagraphs(paragraphs: readonly DocxParagraph[], options: LintOptions = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const { part, index, text } of paragraphs) {
    const spans = protectedSpans(text);
    const report = (rule: LintRule, start: number, end: number, message: string) => {
      if (!inside(spans, start)) findings.push({ rule, part, paragraph: index, excerpt: excerpt(text, start, end), message });
    };

    for (const m of text.matchAll(/ ([:;!?])/g)) {
      report("espace-avant-ponctuation", m.index, m.index + 1, `espace ordinaire avant « ${m[1]} » : il faut une espace fine insécable (U+202F), sans quoi « ${m[1]} » peut passer seul à la ligne`);
    }
    for (const m of text.matchAll(/« | »/g)) {
      const space = m[0].startsWith("«") ? m.index + 1 : m.index;
      report("espace-guillemets", space, space + 1, "espace ordinaire à l'intérieur des guillemets « » : il faut une espace fine insécable (U+202F)");
    }
    for (const m of text.matchAll(/'/g)) {
      report("apostrophe-droite", m.index, m.index + 1, "apostrophe droite (') dans le texte français : il faut l'apostrophe typographique (’, U+2019)");
    }
    for (const m of text.matchAll(/\{\{[^}]*\}\}|\[\[[^\]]*\]\]|\[à compléter[^\]]*\]?/g)) {
      report("champ-non-resolu", m.index, m.index + m[0].length, `champ non résolu « ${m[0]} » : une variable, un bloc calculé ou une donnée manque`);
    }
    for (const m of text.matchAll(/(?<![\p{L}\p{N}.])(\d+)\.(\d+)(?![\p{L}\p{N}.])/gu)) {
      // "article 3.2" and "annexe 1.4" number subdivisions, not decimals.
      if (/(?:article|annexe|point|§)\s*$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      report("point-decimal", m.index, m.index + m[0].length, `nombre écrit avec un point décimal « ${m[0]} » : en français, « ${m[1]},${m[2]} »`);
    }
    for (const m of text.matchAll(/(?<![\p{L}\p{N}])([LRD]\.|[nN]°)([ \u00A0\u202F\n]*)(\d+(?:[-\u2011\n ]+\d+)*)/gu)) {
      const reference = m[0];
      const problems: string[] = [];
      if (m[2] !== "\u00A0" && m[2] !== "\u202F") {
        problems.push(m[2] === "" ? `aucune espace après « ${m[1]} »` : `« ${show(m[2])} » après « ${m[1]} » au lieu d'une espace insécable`);
      }
      if (m[3].includes("\n")) problems.push("la référence est coupée par un saut de ligne");
      if (/-/.test(m[3])) problems.push("trait d'union ordinaire (sécable) : il faut un trait d'union insécable (U+2011, <w:noBreakHyphen/>)");
      if (/ /.test(m[3])) problems.push("espace ordinaire à l'intérieur du numéro");
      if (problems.length > 0) {
        report("reference-secable", m.index, m.index + reference.length, `référence « ${show(reference).replace(/\u2011/g, "-")} » sécable : ${problems.join(" ; ")}`);
      }
    }
    // "article R. 441-5", "articles L. 441-1-5 et …", "article 12": the word stays on the line of what it introduces.
    for (const m of text.matchAll(/(?<![\p{L}\p{N}])([Aa]rticles?)([ \u00A0\u202F\n]+)(?=[LRDA]\.|\d)/gu)) {
      if (m[2] === "\u00A0" || m[2] === "\u202F") continue;
      const end = m.index + m[0].length;
      const next = /^[^ \n]+/.exec(text.slice(end))?.[0] ?? "";
      const separator = m[2].includes("\n") ? "un saut de ligne" : "une espace ordinaire";
      report(
        "reference-secable",
        m.index,
        end + next.length,
        `« ${m[1]} » est séparé de la référence qui suit (« ${show(next).replace(/\u2011/g, "-")} ») par ${separator} : il faut une espace insécable, sans quoi la référence peut passer seule à la ligne suivante`,
      );
    }
  }

  for (const check of options.figures ?? []) {
    const pattern = new RegExp(check.pattern.source, check.pattern.flags.includes("g") ? check.pattern.flags : `${check.pattern.flags}g`);
    const expected = figureValue(check.expected);
    let seen = 0;
    for (const { part, index, text } of paragraphs) {
      for (const m of text.matchAll(pattern)) {
        seen++;
        const quoted = m[1] ?? m[0];
        const value = figureValue(quoted);
        const start = m.index + m[0].indexOf(quoted);
        if (!value || !expected || value.value !== expected.value || value.percent !== expected.percent) {
          findings.push({
            rule: "chiffre",
            part,
            paragraph: index,
            excerpt: excerpt(text, start, start + quoted.length),
            message: `${check.label} : le texte cite « ${show(quoted)} », le tableau du flux donne « ${show(check.expected)} »`,
          });
        }
      }
    }
    if (seen === 0 && check.required !== false) {
      findings.push({
        rule: "chiffre",
        part: "word/document.xml",
        paragraph: 0,
        excerpt: "",
        message: `${check.label} : aucune phrase ne correspond à ${pattern} ; le texte ne cite plus ce chiffre (attendu « ${show(check.expected)} ») ou sa formulation a changé`,
      });
    }
  }
  return findings;
}

/** Reads a DOCX and lints every paragraph of its body, headers and footers. */
export async function lintDocx(bytes: Uint8Array, options: LintOptions = {}): Promise<LintFinding[]> {
  return lintParagraphs(await readDocxParagraphs(bytes), options);
}

/** Findings as lines for an assertion message: "[rule] part §n : message — « excerpt »". */
export function formatFindings(findings: readonly LintFinding[]): string {
  return findings.map((f) => `[${f.rule}] ${f.part} §${f.paragraph} : ${f.message}${f.excerpt ? ` — « ${show(f.excerpt)} »` : ""}`).join("\n");
}
