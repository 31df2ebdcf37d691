// The bilan of a convention as a Word document, for the file the bailleur sends each réservataire before 28 February
// (docs/domain.md, « Deadlines of the yearly cycle »). Built with the convention export's own pieces (styles, French
// typesetting of every run, Word tables from the same table models as the screen, a reproducible archive), so that
// it reads like the convention and passes the same lint.
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TabStopType, TextRun, type FileChild } from "docx";
import type { ConventionState } from "../domain/convention/state";
import type { Bilan } from "../domain/decompte/bilan";
import { bilanTables, periodLabel } from "../domain/decompte/tables";
import { formatDateLong, formatInteger } from "../domain/format";
import { MARGIN, STYLE, TEXT_WIDTH, headerOf, normalisePackage, numberingConfig, runsOf, stylesConfig, tableBlock, textRuns } from "./docx.server";

export interface BilanComment {
  author: string;
  partyName: string;
  body: string;
  at: string;
  resolved: boolean;
  replies: { author: string; partyName: string; body: string; at: string }[];
}

export interface BilanDocxInput {
  state: ConventionState;
  bilan: Bilan;
  comments: readonly BilanComment[];
  /** The document's dates (core properties, archive entries): the latest import counted, so the same data give the same bytes. */
  timestamp: Date;
}

/** "Bilan annuel 2026", "Bilan intermédiaire 2026 au 30 juin 2026". */
export function bilanTitle(bilan: Bilan): string {
  return bilan.kind === "annuel" ? `Bilan annuel ${bilan.year}` : `Bilan intermédiaire ${bilan.year} au ${formatDateLong(bilan.to)}`;
}

function line(label: string, value: string): Paragraph {
  return new Paragraph({ style: STYLE.coverLine, children: runsOf([{ text: `${label} : `, style: { bold: true } }, { text: value }]) });
}

function footer(text: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.headerFooter,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [...textRuns(text), new TextRun({ children: ["\tpage ", PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/** The DOCX of a bilan, byte-identical for the same input. */
export async function buildBilanDocx(input: BilanDocxInput): Promise<Buffer> {
  const { state, bilan } = input;
  const title = bilanTitle(bilan);
  const sources = bilan.tables.map((t) =>
    t.source ? `${t.bailleur.name} : fichier « ${t.source.fileName} » importé le ${formatDateLong(t.source.importedAt.slice(0, 10))} (${formatInteger(t.source.rows)} événements)` : `${t.bailleur.name} : aucun événement importé`,
  );
  const children: FileChild[] = [
    new Paragraph({ style: STYLE.bodyTitle, children: textRuns(title) }),
    new Paragraph({ style: STYLE.coverLine, alignment: AlignmentType.CENTER, children: textRuns(state.meta.title, { italics: true }) }),
    line("Territoire", state.meta.territory.label),
    line("Période", periodLabel(bilan)),
    ...(bilan.line ? [line("Réservataire", bilan.line.label)] : []),
    line("Fait générateur du décompte", bilan.ruleLabel),
    line("Parties", state.parties.map((p) => p.name).join(", ")),
    ...sources.map((source) => line("Événements", source)),
    new Paragraph({
      style: STYLE.tableNote,
      children: textRuns(
        `${formatInteger(bilan.totals.events)} événements sur le territoire, ${formatInteger(bilan.totals.cases)} logements offerts ou attribués, ${formatInteger(bilan.totals.counted)} décomptés.`,
      ),
    }),
  ];
  for (const model of bilanTables(bilan)) children.push(...tableBlock(model));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: textRuns("Observations des parties") }));
  if (input.comments.length === 0) children.push(new Paragraph({ children: textRuns("Aucune observation n'a été formulée sur ce bilan.", { italics: true }) }));
  for (const thread of input.comments) {
    children.push(
      new Paragraph({
        keepNext: true,
        children: runsOf([
          { text: `${thread.partyName} (${thread.author}), le ${formatDateLong(thread.at.slice(0, 10))}${thread.resolved ? " — résolu" : ""} : `, style: { bold: true } },
          { text: thread.body },
        ]),
      }),
    );
    for (const reply of thread.replies) {
      children.push(
        new Paragraph({
          indent: { left: 567 },
          children: runsOf([{ text: `${reply.partyName} (${reply.author}), le ${formatDateLong(reply.at.slice(0, 10))} : `, style: { italics: true } }, { text: reply.body }]),
        }),
      );
    }
  }
  const document = new Document({
    title,
    subject: "Bilan du décompte des attributions",
    creator: "Conflux",
    lastModifiedBy: "Conflux",
    revision: 1,
    styles: stylesConfig(),
    numbering: numberingConfig(),
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        headers: { default: headerOf(`${title} — ${state.meta.title}`, false) },
        footers: { default: footer(`${title} — ${periodLabel(bilan)}`) },
        children,
      },
    ],
  });
  const packed = await Packer.pack(document, "uint8array");
  return normalisePackage(packed as Uint8Array, input.timestamp);
}
