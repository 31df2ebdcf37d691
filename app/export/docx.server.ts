// The convention as a Word document for signature, built from its structured state (never from the editor's HTML):
// cover page, table of contents, visas, préambule, numbered articles, annexes with the computed blocks as real Word
// tables, one signature block per party, and a header/footer carrying the title, version, fingerprint and pages.
// Same input, same bytes: see ADR 0301 for how dates and the archive are fixed.
import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  NoBreakHyphen,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  type IRunOptions,
  WidthType,
} from "docx";
import { renderBlock, type TableModel } from "../domain/convention/blocks";
import { PARTY_KIND_LABELS, departementLabel } from "../domain/convention/labels";
import { type ConventionFlux, computeConventionFlux } from "../domain/convention/scenario";
import type { ConventionState, PartyInfo } from "../domain/convention/state";
import type { ConventionTemplate } from "../domain/convention/template-schema";
import { resolveVariable, variableLabel } from "../domain/convention/variables";
import { capitalizeFirst, legalName, partyDesignation, signatureHeading } from "../domain/legal/designation";
import { formatCount, formatDateLong } from "../domain/format";
import { NBHYPHEN, type Segment, de, departementName, typesetPieces, withArticle } from "../domain/typography";
import { STATUS_LABELS, type ConventionStatus } from "../lib/status";
import { type ConventionFingerprint, conventionFingerprint } from "./fingerprint.server";
import { readZip, writeZip, type ZipEntry } from "./zip.server";

export interface DocxExportInput {
  state: ConventionState;
  /** The `conventions.status` column (or the version's status): PROJET is printed unless it is ready or signed. */
  status: string;
  /** Printed on the cover and in the footer, e.g. "Version de travail" or "Version 3 du 12 mars 2026". */
  versionLabel: string;
  /** The version's timestamp: the document's created/modified properties and the archive's entry dates. */
  timestamp: Date;
  /** Computed from the state when absent. */
  fingerprint?: ConventionFingerprint;
  /** The convention's template (for template-defined options and the cover's subtitle). */
  template?: ConventionTemplate;
  /** One flux computation shared with the caller; computed when absent. */
  computed?: ConventionFlux;
}

/** Statuses in which the document is the one to sign: no PROJET mention. */
export const FINAL_STATUSES: readonly string[] = ["prete_pour_signature", "signee"] satisfies ConventionStatus[];

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// "Marianne", the State's typeface, is not free to embed; Times New Roman is in every Word and LibreOffice maps it
// to the metric-compatible Liberation Serif, so pages break the same in both.
const FONT = "Times New Roman";
const MONO_FONT = "Courier New";
/** A4 width (11 906 twips) minus two 2 cm margins (1 134 twips each). */
export const TEXT_WIDTH = 9638;
export const MARGIN = 1134;
const BULLETS = "conflux-bullets";
const ORDERED = "conflux-ordered";
const BLANK = "……………………";

export const STYLE = {
  coverTitle: "ConventionCoverTitle",
  bodyTitle: "ConventionBodyTitle",
  coverLine: "ConventionCoverLine",
  fingerprint: "ConventionFingerprint",
  tocHeading: "ConventionTocHeading",
  tocEntry: "ConventionTocEntry",
  quote: "ConventionQuote",
  tableTitle: "ConventionTableTitle",
  tableText: "ConventionTableText",
  tableNote: "ConventionTableNote",
  signatureParty: "ConventionSignatureParty",
  signatureLine: "ConventionSignatureLine",
  headerFooter: "ConventionHeaderFooter",
} as const;

interface Context {
  state: ConventionState;
  computed: ConventionFlux;
  template?: ConventionTemplate;
  /** Each ordered list restarts at 1: one numbering instance per list, numbered in document order. */
  nextListInstance: number;
  signaturesRendered: boolean;
}

interface Marks {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
}

function marksOf(node: JSONContent, inherited: Marks): Marks {
  const marks = { ...inherited };
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") marks.bold = true;
    else if (mark.type === "italic") marks.italics = true;
    else if (mark.type === "underline") marks.underline = true;
    else if (mark.type === "strike") marks.strike = true;
  }
  return marks;
}

/** How a run looks: everything of docx's run options but its text. */
type RunStyle = Omit<IRunOptions, "text" | "children" | "break">;

/** A piece of a paragraph: text with its look, or a line break. */
export interface Piece {
  text: string;
  style?: RunStyle;
  lineBreak?: true;
}

function styleOf(marks: Marks, extra: { highlight?: "yellow" } = {}): RunStyle {
  return {
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.underline ? { underline: {} } : {}),
    ...(marks.strike ? { strike: true } : {}),
    ...extra,
  };
}

/** Text with Word's own no-break hyphen where typography bound a reference ("R. 441-5-2"). */
function withNoBreakHyphens(text: string): (string | NoBreakHyphen)[] {
  return text.split(NBHYPHEN).flatMap((part, index) => (index === 0 ? [part] : [new NoBreakHyphen(), part])).filter((part) => part !== "");
}

function segmentRun(segment: Segment, style: RunStyle): TextRun {
  return new TextRun({ ...style, ...(segment.superscript ? { superScript: true } : {}), children: withNoBreakHyphens(segment.text) });
}

/**
 * The one place where text becomes Word runs: the pieces of a paragraph are typeset together in French
 * (docs/decisions/0302-french-typography.md), an ordinal's letters become a superscript run, a bound hyphen Word's
 * no-break hyphen.
 */
export function runsOf(pieces: readonly Piece[]): TextRun[] {
  const typeset = typesetPieces(pieces.map((piece) => piece.text));
  return pieces.flatMap((piece, index) => {
    const segments = typeset[index].map((segment) => (piece.lineBreak ? { ...segment, text: segment.text.replace(/\n/g, "") } : segment));
    const runs = segments.filter((segment) => segment.text !== "").map((segment) => segmentRun(segment, piece.style ?? {}));
    return piece.lineBreak ? [new TextRun({ break: 1 }), ...runs] : runs;
  });
}

/** One string as runs of one look. */
export function textRuns(text: string, style: RunStyle = {}): TextRun[] {
  return runsOf([{ text, style }]);
}

/** Inline content as pieces: text with its marks, line breaks, variables resolved (an unresolved one stays visible). */
function inlinePieces(nodes: readonly JSONContent[] | undefined, context: Context, inherited: Marks = {}): Piece[] {
  const pieces: Piece[] = [];
  for (const node of nodes ?? []) {
    const marks = marksOf(node, inherited);
    if (node.type === "text") pieces.push({ text: node.text ?? "", style: styleOf(marks) });
    else if (node.type === "hardBreak") pieces.push({ text: "\n", lineBreak: true });
    else if (node.type === "variable") {
      const name = String(node.attrs?.name ?? "");
      const resolved = resolveVariable(name, context.state, context.computed, context.template);
      // The same placeholder as the read API's text, highlighted so that nobody signs a blank.
      if (resolved.ok) pieces.push({ text: resolved.text, style: styleOf(marks) });
      else pieces.push({ text: `[à compléter : ${variableLabel(name, context.state)}]`, style: styleOf(marks, { highlight: "yellow" }) });
    } else pieces.push(...inlinePieces(node.content, context, marks));
  }
  return pieces;
}

/** Inline content as runs, typeset as one sentence so that "de " + a resolved name elides. */
function inlineRuns(nodes: readonly JSONContent[] | undefined, context: Context): ParagraphChild[] {
  return runsOf(inlinePieces(nodes, context));
}

/** The plain text of inline content, exactly as the read API writes titles (for headings and the contents list). */
function inlineText(nodes: readonly JSONContent[] | undefined, context: Context): string {
  let text = "";
  for (const node of nodes ?? []) {
    if (node.type === "text") text += node.text ?? "";
    else if (node.type === "hardBreak") text += "\n";
    else if (node.type === "variable") {
      const name = String(node.attrs?.name ?? "");
      const resolved = resolveVariable(name, context.state, context.computed, context.template);
      text += resolved.ok ? resolved.text : `[à compléter : ${variableLabel(name, context.state)}]`;
    } else text += inlineText(node.content, context);
  }
  return text;
}

interface BlockFrame {
  /** Nesting depth of lists around the block (0 outside lists). */
  listDepth: number;
  quote: boolean;
}

const TOP_FRAME: BlockFrame = { listDepth: 0, quote: false };

function paragraphOf(node: JSONContent, context: Context, frame: BlockFrame, numbering?: { reference: string; level: number; instance?: number }): Paragraph {
  const level = Number(node.attrs?.level ?? 0);
  const heading = node.type === "heading" ? (level <= 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3) : undefined;
  return new Paragraph({
    children: inlineRuns(node.content, context),
    ...(heading ? { heading } : frame.quote ? { style: STYLE.quote } : {}),
    ...(numbering ? { numbering } : frame.listDepth > 0 ? { indent: { left: 360 * frame.listDepth + 360 } } : {}),
  });
}

function listOf(node: JSONContent, context: Context, frame: BlockFrame): FileChild[] {
  const ordered = node.type === "orderedList";
  const instance = ordered ? context.nextListInstance++ : undefined;
  const level = Math.min(frame.listDepth, 8);
  const inner: BlockFrame = { ...frame, listDepth: frame.listDepth + 1 };
  const children: FileChild[] = [];
  for (const item of node.content ?? []) {
    let marked = false;
    for (const child of item.content ?? []) {
      if (!marked && (child.type === "paragraph" || child.type === "heading")) {
        const numbering = ordered ? { reference: ORDERED, level, instance } : { reference: BULLETS, level };
        children.push(paragraphOf(child, context, inner, numbering));
        marked = true;
      } else children.push(...blockOf(child, context, inner));
    }
  }
  return children;
}

function blockOf(node: JSONContent, context: Context, frame: BlockFrame = TOP_FRAME): FileChild[] {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return [paragraphOf(node, context, frame)];
    case "bulletList":
    case "orderedList":
      return listOf(node, context, frame);
    case "blockquote":
      return (node.content ?? []).flatMap((child) => blockOf(child, context, { ...frame, quote: true }));
    case "computedBlock": {
      const block = String(node.attrs?.block ?? "");
      if (block === "signatures") {
        context.signaturesRendered = true;
        return signatureBlocks(context.state);
      }
      return tableBlock(renderBlock(block, context.state, context.computed));
    }
    default:
      return (node.content ?? []).flatMap((child) => blockOf(child, context, frame));
  }
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };

/** Column widths in twips: the first column (labels) gets the most room, figures the least. */
function columnWidths(model: TableModel): number[] {
  const weights = model.columns.map((column, index) => (index === 0 ? 3 : column.align === "left" ? 2 : 1.4));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((TEXT_WIDTH * weight) / total));
  widths[0] += TEXT_WIDTH - widths.reduce((sum, width) => sum + width, 0);
  return widths;
}

// Annexes reach thousands of rows: a cell carries only what differs from the table grid and the table-text style
// (left-aligned), which keeps the XML, and the time docx takes to write it, small.
function cell(text: string, align: "left" | "right", options: { bold?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    ...(options.header ? { shading: { type: ShadingType.CLEAR, fill: "E7E6E6", color: "auto" } } : {}),
    children: [
      new Paragraph({
        style: STYLE.tableText,
        ...(align === "right" ? { alignment: AlignmentType.RIGHT } : {}),
        children: text === "" ? [] : textRuns(text, options.bold ? { bold: true } : {}),
      }),
    ],
  });
}

/** A computed block: its title, a Word table (header row repeated on each page, figures right-aligned), its notes. */
export function tableBlock(model: TableModel): FileChild[] {
  const children: FileChild[] = [new Paragraph({ style: STYLE.tableTitle, children: textRuns(model.title) })];
  if (model.error) {
    children.push(new Paragraph({ children: textRuns(model.error, { italics: true }) }));
    return children;
  }
  if (model.rows.length > 0) {
    const widths = columnWidths(model);
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: model.columns.map((column) => cell(column.label, column.align, { bold: true, header: true })),
    });
    const rows = model.rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: model.columns.map((column, index) => cell(row.cells[index] ?? "", column.align, { bold: row.emphasis })),
        }),
    );
    children.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER },
        margins: { top: 30, bottom: 30, left: 80, right: 80 },
        rows: [header, ...rows],
      }),
    );
  }
  for (const note of model.notes) children.push(new Paragraph({ style: STYLE.tableNote, children: textRuns(note) }));
  return children;
}

function kindLabel(party: PartyInfo): string {
  return `${PARTY_KIND_LABELS[party.kind] ?? party.kind}${party.pilot ? ", pilote de la convention" : ""}`;
}

/**
 * One block per party, two per row; a row never splits across pages, so a block stays whole. Each names the party as
 * a legal person with its representative and what empowers them (docs/domain.md, "Les parties, personnes morales"):
 * "Pour l'État", "Pour le préfet de la Haute-Garonne et par délégation", then the designation, place and date.
 */
function signatureBlocks(state: ConventionState): FileChild[] {
  const place = state.parameters.signaturePlace || BLANK;
  const date = state.meta.signatureDate ? formatDateLong(state.meta.signatureDate) : BLANK;
  const half = TEXT_WIDTH / 2;
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const block = (party: PartyInfo | undefined) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      children: party
        ? [
            // "Pour l'État" opens the block; "Pour le préfet … et par délégation" follows it closely, in the same weight.
            ...signatureHeading(party, state.meta.departement).map((line, index) =>
              index === 0
                ? new Paragraph({ style: STYLE.signatureParty, children: textRuns(line) })
                : new Paragraph({ style: STYLE.signatureLine, children: textRuns(line, { bold: true }) }),
            ),
            new Paragraph({ style: STYLE.signatureLine, children: textRuns(capitalizeFirst(partyDesignation(party, state.meta.departement)), { italics: true }) }),
            new Paragraph({ style: STYLE.signatureLine, children: textRuns(`Fait à ${place}, le ${date}`) }),
            new Paragraph({ style: STYLE.signatureLine, spacing: { before: 120, after: 1200 }, children: textRuns("Signature et cachet", { italics: true, size: 18 }) }),
          ]
        : [new Paragraph({})],
    });
  const rows: TableRow[] = [];
  for (let index = 0; index < state.parties.length; index += 2) {
    rows.push(new TableRow({ cantSplit: true, children: [block(state.parties[index]), block(state.parties[index + 1])] }));
  }
  if (rows.length === 0) return [new Paragraph({ children: textRuns("Aucune partie n'est enregistrée.", { italics: true }) })];
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [half, half],
      layout: TableLayoutType.FIXED,
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows,
    }),
  ];
}

interface Outline {
  /** Heading text per level-1/2 heading node, numbered ("Article 3 — Objet"), in body order; the title's too. */
  headings: Map<JSONContent, { text: string; kind: string | null }>;
  /** The contents list, in order (the title left out). */
  entries: string[];
  /** The title heading (level 1, section "titre"), when the body has one. */
  title?: string;
}

/**
 * Numbers the articles and annexes as the read API does (extractArticles / extractAnnexes: level-2 headings of the
 * section, 1-based, title trimmed). Calling those would render every block a second time just for the titles.
 */
function outlineOf(context: Context): Outline {
  const headings: Outline["headings"] = new Map();
  const entries: string[] = [];
  let title: string | undefined;
  let article = 0;
  let annexe = 0;
  for (const node of context.state.body.content ?? []) {
    const level = Number(node.attrs?.level ?? 0);
    if (node.type !== "heading" || (level !== 1 && level !== 2)) continue;
    const kind = typeof node.attrs?.section === "string" ? node.attrs.section : null;
    const plain = inlineText(node.content, context).trim();
    let text = plain;
    if (kind === "article" && level === 2) text = `Article ${++article} — ${plain}`;
    else if (kind === "annexe" && level === 2) text = `Annexe ${++annexe} — ${plain}`; else if (kind === "titre") {
      title ??= plain;
    }
    headings.set(node, { text, kind });
    if (kind !== "titre") entries.push(text);
  }
  return { headings, entries, ...(title ? { title } : {}) };
}

function coverPage(input: DocxExportInput, context: Context, title: string, fingerprint: ConventionFingerprint): FileChild[] {
  const { state } = context;
  const line = (label: string, value: string) =>
    new Paragraph({ style: STYLE.coverLine, children: runsOf([{ text: `${label} : `, style: { bold: true } }, { text: value }]) });
  const end = resolveVariable("convention.date_fin", state, context.computed, context.template);
  const departement = departementName(state.meta.departement)
    ? `département ${de(withArticle(state.meta.departement))} (${state.meta.departement.toUpperCase()})`
    : `département ${departementLabel(state.meta.departement)}`;
  // The territory its figures are computed on, then its département when it is smaller than one.
  const territory = state.meta.territory.kind === "departement" ? departement : `${state.meta.territory.label} (${departement})`;
  return [
    new Paragraph({ style: STYLE.coverTitle, children: textRuns(title) }),
    ...(context.template ? [new Paragraph({ style: STYLE.coverLine, alignment: AlignmentType.CENTER, children: textRuns(context.template.title, { italics: true }) })] : []),
    new Paragraph({ style: STYLE.coverLine, spacing: { before: 480 }, children: textRuns("Entre les parties :", { bold: true }) }),
    // Each party as a legal person with its representative, then, when it differs, the portal's name of the
    // organisation that acts for it ("DDETS de la Haute-Garonne" for the State) and its place in the convention.
    ...state.parties.map(
      (party) =>
        new Paragraph({
          style: STYLE.coverLine,
          numbering: { reference: BULLETS, level: 0 },
          children: runsOf([
            { text: capitalizeFirst(partyDesignation(party, state.meta.departement)), style: { bold: true } },
            { text: ` — ${legalName(party) === party.name ? "" : `${party.name}, `}${kindLabel(party)}` },
          ]),
        }),
    ),
    new Paragraph({ style: STYLE.coverLine, spacing: { before: 360 }, children: [] }),
    line("Territoire", territory),
    line(
      "Période",
      `du ${formatDateLong(state.meta.startDate)} au ${end.ok ? end.text : BLANK} (${formatCount(state.meta.durationYears, "an", "ans")}) ; flux de l'année ${state.meta.year}`,
    ),
    line("Version", input.versionLabel),
    line("Statut", STATUS_LABELS[input.status as ConventionStatus] ?? input.status),
    new Paragraph({ style: STYLE.coverLine, spacing: { before: 360 }, children: textRuns("Empreinte du contenu (SHA-256) :", { bold: true }) }),
    new Paragraph({ style: STYLE.fingerprint, children: textRuns(fingerprint.sha256) }),
    new Paragraph({
      style: STYLE.tableNote,
      children: textRuns(
        "L'empreinte est calculée par Conflux sur le contenu exact de cette version (texte, parties, paramètres, options et état des lieux) : toute modification en change la valeur.",
      ),
    }),
  ];
}

function contentsList(outline: Outline): FileChild[] {
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: textRuns("Sommaire") }),
    ...outline.entries.map((entry) => new Paragraph({ style: STYLE.tocEntry, children: textRuns(entry) })),
  ];
}

function bodyChildren(context: Context, outline: Outline): FileChild[] {
  const children: FileChild[] = [];
  let first = true;
  for (const node of context.state.body.content ?? []) {
    const level = Number(node.attrs?.level ?? 0);
    if (node.type === "heading" && (level === 1 || level === 2)) {
      const heading = outline.headings.get(node);
      if (!heading) continue;
      // The text opens on a new page after the contents, with the title and its opening lines; annexes and
      // signatures each start a page.
      const pageBreakBefore = first || heading.kind === "annexe" || heading.kind === "signatures";
      const style = heading.kind === "titre" ? { style: STYLE.bodyTitle } : { heading: HeadingLevel.HEADING_1 };
      children.push(new Paragraph({ ...style, pageBreakBefore, children: textRuns(heading.text) }));
      first = false;
      continue;
    }
    children.push(...blockOf(node, context));
  }
  if (!context.signaturesRendered) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: textRuns("Signatures") }));
    children.push(...signatureBlocks(context.state));
  }
  return children;
}

export function headerOf(title: string, project: boolean): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.headerFooter,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "808080", space: 2 } },
        children: [
          ...textRuns(title),
          ...(project ? [new TextRun({ text: "\tPROJET", bold: true, color: "C00000", size: 20 })] : []),
        ],
      }),
    ],
  });
}

function footerOf(versionLabel: string, fingerprint: ConventionFingerprint): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.headerFooter,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: "808080", space: 2 } },
        children: [
          ...textRuns(`${versionLabel} — empreinte ${fingerprint.short}`),
          new TextRun({ children: ["\tpage ", PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

const BULLET_GLYPHS = ["•", "–", "◦", "▪"];
const ORDERED_FORMATS = [
  { format: LevelFormat.DECIMAL, text: (level: number) => `%${level + 1}.` },
  { format: LevelFormat.LOWER_LETTER, text: (level: number) => `%${level + 1})` },
  { format: LevelFormat.LOWER_ROMAN, text: (level: number) => `%${level + 1}.` },
];

export function numberingConfig() {
  const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1) + 360, hanging: 360 } } });
  return {
    config: [
      {
        reference: BULLETS,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: LevelFormat.BULLET,
          text: BULLET_GLYPHS[level % BULLET_GLYPHS.length],
          alignment: AlignmentType.LEFT,
          style: indent(level),
        })),
      },
      {
        reference: ORDERED,
        levels: Array.from({ length: 9 }, (_, level) => {
          const kind = ORDERED_FORMATS[level % ORDERED_FORMATS.length];
          return { level, format: kind.format, text: kind.text(level), alignment: AlignmentType.LEFT, style: indent(level) };
        }),
      },
    ],
  };
}

export function stylesConfig() {
  const paragraph = (id: string, name: string, options: { run?: object; paragraph?: object; basedOn?: string; next?: string }) => ({
    id,
    name,
    basedOn: options.basedOn ?? "Normal",
    next: options.next ?? "Normal",
    quickFormat: true,
    ...(options.run ? { run: options.run } : {}),
    ...(options.paragraph ? { paragraph: options.paragraph } : {}),
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, language: { value: "fr-FR" } },
        // "auto" said explicitly: without w:lineRule, LibreOffice reads w:line as an exact height, and large text
        // (the cover's title) then overlaps itself.
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.JUSTIFIED },
      },
      heading1: {
        run: { font: FONT, size: 28, bold: true, color: "1F3864" },
        paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true, alignment: AlignmentType.LEFT },
      },
      heading2: {
        run: { font: FONT, size: 24, bold: true, color: "1F3864" },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true, alignment: AlignmentType.LEFT },
      },
      heading3: {
        run: { font: FONT, size: 22, bold: true, italics: true, color: "000000" },
        paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, keepLines: true, alignment: AlignmentType.LEFT },
      },
    },
    paragraphStyles: [
      // Large titles: single line spacing computed from the font ("auto"), explicit space around, kept whole and with
      // what follows, so that Word and LibreOffice both lay the lines out without overlap.
      paragraph(STYLE.coverTitle, "Titre de couverture", {
        run: { size: 40, bold: true, color: "1F3864" },
        paragraph: { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { before: 1800, after: 240, line: 240, lineRule: LineRuleType.AUTO } },
      }),
      paragraph(STYLE.bodyTitle, "Titre de la convention", {
        run: { size: 32, bold: true, color: "1F3864" },
        paragraph: { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { after: 360, line: 240, lineRule: LineRuleType.AUTO } },
      }),
      paragraph(STYLE.coverLine, "Ligne de couverture", { paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 80 } } }),
      paragraph(STYLE.fingerprint, "Empreinte", { run: { font: MONO_FONT, size: 18 }, paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 80 } } }),
      paragraph(STYLE.tocHeading, "Titre du sommaire", { run: { size: 28, bold: true, color: "1F3864" }, paragraph: { spacing: { after: 240 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.tocEntry, "Entrée du sommaire", { paragraph: { spacing: { after: 60 }, alignment: AlignmentType.LEFT, indent: { left: 284 } } }),
      paragraph(STYLE.quote, "Citation", {
        run: { italics: true },
        paragraph: { indent: { left: 567, right: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: "A6A6A6", space: 8 } } },
      }),
      paragraph(STYLE.tableTitle, "Titre de tableau", { run: { bold: true, size: 21 }, paragraph: { keepNext: true, spacing: { before: 200, after: 80 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.tableText, "Texte de tableau", { run: { size: 19 }, paragraph: { spacing: { after: 0, line: 240 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.tableNote, "Note de tableau", { run: { size: 18, italics: true }, paragraph: { spacing: { before: 60, after: 60 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.signatureParty, "Partie signataire", { run: { bold: true }, paragraph: { keepNext: true, spacing: { before: 240, after: 60 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.signatureLine, "Ligne de signature", { paragraph: { keepNext: true, spacing: { after: 40 }, alignment: AlignmentType.LEFT } }),
      paragraph(STYLE.headerFooter, "En-tête et pied de page", { run: { size: 16, color: "404040" }, paragraph: { spacing: { after: 0 }, alignment: AlignmentType.LEFT } }),
    ],
  };
}

/** W3CDTF without milliseconds, as Word writes it. */
function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

// Characters XML 1.0 forbids: C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates
// standing alone (with the u flag a well-formed pair is one code point, so only lone halves match).
const NOT_XML_1_0 = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * The text without the characters XML 1.0 forbids. Users type (or paste) them into the shared document and docx
 * writes them as they are, which makes Word refuse the whole file.
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_1_0, "");
}

/**
 * Packer's archive made reproducible and valid: the core properties' created/modified dates set to the version's
 * timestamp, "[Content_Types].xml" first and the other parts by name, every entry dated with the same timestamp.
 * Every XML part goes through xmlSafe here, the one place all text leaves docx (body runs, tables, titles, headers,
 * footers and the core properties alike): docx escapes markup characters but passes forbidden ones through, and
 * those can only be text, never markup.
 */
export function normalisePackage(packed: Uint8Array, timestamp: Date): Buffer {
  const stamp = w3cdtf(timestamp);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const entries = readZip(packed).map((entry): ZipEntry => {
    if (!/\.(xml|rels)$/.test(entry.path)) return entry;
    let xml = xmlSafe(decoder.decode(entry.data));
    if (entry.path !== "docProps/core.xml") return { path: entry.path, data: encoder.encode(xml) };
    xml = xml
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    return { path: entry.path, data: encoder.encode(xml) };
  });
  const rank = (path: string) => (path === "[Content_Types].xml" ? 0 : path === "_rels/.rels" ? 1 : 2);
  entries.sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return writeZip(entries, timestamp);
}

/** The DOCX of a convention, byte-identical for the same input. */
export async function buildConventionDocx(input: DocxExportInput): Promise<Buffer> {
  const { state } = input;
  const computed = input.computed ?? computeConventionFlux(state);
  const fingerprint = input.fingerprint ?? conventionFingerprint(state);
  const context: Context = { state, computed, template: input.template, nextListInstance: 1, signaturesRendered: false };
  const outline = outlineOf(context);
  const title = outline.title || state.meta.title;
  const project = !FINAL_STATUSES.includes(input.status);
  const children = [...coverPage(input, context, title, fingerprint), ...contentsList(outline), ...bodyChildren(context, outline)];
  const document = new Document({
    title,
    subject: "Convention de réservation en flux",
    creator: "Conflux",
    lastModifiedBy: "Conflux",
    description: `Empreinte SHA-256 du contenu : ${fingerprint.sha256}`,
    keywords: fingerprint.sha256,
    revision: 1,
    styles: stylesConfig(),
    numbering: numberingConfig(),
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        headers: { default: headerOf(title, project) },
        footers: { default: footerOf(input.versionLabel, fingerprint) },
        children,
      },
    ],
  });
  const packed = await Packer.pack(document, "uint8array");
  return normalisePackage(packed as Uint8Array, input.timestamp);
}

/**
 * The pieces of this document that the convention's other Word documents reuse, so that they are set, styled and
 * packed alike (the annual flux annex: app/export/annex-docx.server.ts).
 */
export const conventionDocxParts = {
  STYLE,
  BULLETS,
  MARGIN,
  textRuns,
  runsOf,
  tableBlock,
  signatureBlocks,
  kindLabel,
  stylesConfig,
  numberingConfig,
  headerOf,
  footerOf,
  normalisePackage,
} as const;
