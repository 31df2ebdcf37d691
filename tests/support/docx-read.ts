// Reading an exported DOCX back as Word and LibreOffice read it (its XML), and the flux tables a convention's read API
// says it must contain: for the export tests and the territory tests.
import JSZip from "jszip";
import { formatDecimal, formatInteger, formatShare } from "../../app/domain/format";
import { frenchText } from "../../app/domain/typography";

export const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name] as string);

/** The text of a piece of WordprocessingML: its w:t runs, tabs as "\t", Word's no-break hyphen as U+2011. */
export function textOf(xml: string): string {
  let text = "";
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:noBreakHyphen\/>/g)) {
    text += match[1] !== undefined ? unescapeXml(match[1]) : match[0] === "<w:tab/>" ? "\t" : "\u2011";
  }
  return text;
}

export function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({ style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null, text: textOf(p) }));
}

/** Each table as rows of cell texts. */
export function tables(xml: string): { headerRepeated: boolean; rows: string[][]; rightAligned: boolean[] }[] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) => {
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => row);
    return {
      headerRepeated: /<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/.test(rows[0] ?? ""),
      rows: rows.map((row) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => textOf(cell))),
      rightAligned: [...(rows[1] ?? "").matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => /<w:jc w:val="(right|end)"\/>/.test(cell)),
    };
  });
}

export interface Docx {
  document: string;
  headers: string;
  footers: string;
}

export async function readDocx(bytes: Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (pattern: RegExp) =>
    Promise.all(
      Object.keys(zip.files)
        .filter((name) => pattern.test(name))
        .sort()
        .map((name) => zip.file(name)!.async("string")),
    ).then((parts) => parts.join("\n"));
  return { document: await read(/^word\/document\.xml$/), headers: await read(/^word\/header\d*\.xml$/), footers: await read(/^word\/footer\d*\.xml$/) };
}

/** A line of a flux table as the read API gives it (the convention's view: parties, others, non réservé). */
export interface ViewLine {
  key: string;
  kind: string;
  label: string;
  share: string;
  volume: string;
  rounded: number;
}

/** The flux part of GET /api/conventions/:id that the DOCX prints (docs/api.md). */
export interface FluxView {
  tables: { bailleur: { id: string; name: string }; result: { flux: string; fluxRounded: number } | null; lines: ViewLine[] | null }[];
  consolidated: { flux: string; fluxRounded: number; lines: ViewLine[] } | null;
}

/**
 * The rows the DOCX's flux table must have for this read API view: per bailleur (its name first when there are
 * several) its lines and its total, then the sum of the bailleurs.
 */
export function expectedFluxRows(flux: FluxView): string[][] {
  const several = flux.tables.length > 1;
  const figuresOf = (line: ViewLine) => [formatShare(line.share), formatDecimal(line.volume, 2), formatInteger(line.rounded)];
  const rows: string[][] = [];
  for (const table of flux.tables) {
    if (several) rows.push([frenchText(table.bailleur.name), "", "", ""]);
    rows.push(...(table.lines ?? []).map((line) => [frenchText(line.label), ...figuresOf(line)]));
    if (table.result)
      rows.push([several ? frenchText(`Total — ${table.bailleur.name}`) : "Total", formatShare(1), formatDecimal(table.result.flux, 2), formatInteger(table.result.fluxRounded)]);
  }
  if (flux.consolidated) {
    const c = flux.consolidated;
    rows.push(["Ensemble des bailleurs", "", "", ""]);
    rows.push(...c.lines.map((line) => [frenchText(line.label), ...figuresOf(line)]));
    rows.push(["Total des bailleurs", formatShare(1), formatDecimal(c.flux, 2), formatInteger(c.fluxRounded)]);
  }
  return rows;
}

/** The flux tables of a document.xml (recognised by their header). */
export function fluxTablesOf(documentXml: string) {
  return tables(documentXml).filter((table) => table.rows[0]?.join("|") === "Réservataire|Part du flux|Volume exact|Logements (estimation)");
}
