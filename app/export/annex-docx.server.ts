// The annual flux annex as its own Word document (docs/decisions/0014-annual-flux-annex.md): a cover with the parties,
// the convention it belongs to and both fingerprints, what the annex is for, the year-over-year table, the year's
// flux table, rotation and forecast deductions (the same table models as the convention's computed blocks and the
// page), the approvals, and one signature block per party. Built with the convention's own document parts, so that
// typography, styles and the reproducible archive are the same (docs/decisions/0301-docx-export.md).
import { Document, type FileChild, HeadingLevel, Packer, Paragraph } from "docx";
import { comparisonTableModel, deductionsTableModel } from "../domain/annex/tables";
import { renderBlock, type TableModel } from "../domain/convention/blocks";
import { formatCount, formatDateLong } from "../domain/format";
import type { AnnexSnapshot } from "../models/annex/annex-snapshot.server";
import { conventionDocxParts as parts } from "./docx.server";

export interface AnnexDocxInput {
  snapshot: AnnexSnapshot;
  /** The approvals as the API shows them. */
  approvals: { party: string; author: string; at: string; status: "approuve" | "a_revoir" }[];
  /** The archive's dates: the adoption's, or the generation's before it. */
  timestamp: Date;
}

const STATUS = { approuve: "Approuvée", a_revoir: "Approuvée, à revoir : les chiffres ont changé depuis" } as const;

const heading = (text: string, pageBreakBefore = false) => new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore, children: parts.textRuns(text) });
const body = (text: string) => new Paragraph({ children: parts.textRuns(text) });

function approvalsModel(input: AnnexDocxInput): TableModel {
  const { snapshot } = input;
  return {
    title: `Approbations de l'annexe ${snapshot.year}`,
    columns: [
      { key: "party", label: "Partie", align: "left" },
      { key: "status", label: "Approbation", align: "left" },
      { key: "author", label: "Par", align: "left" },
      { key: "at", label: "Le", align: "left" },
    ],
    rows: snapshot.negotiators.map((party) => {
      const approval = input.approvals.find((a) => a.party === party.id);
      return { cells: [party.name, approval ? STATUS[approval.status] : "En attente", approval?.author ?? "—", approval ? formatDateLong(approval.at.slice(0, 10)) : "—"] };
    }),
    notes: ["L'annexe est adoptée lorsque chaque partie en édition ou en commentaire l'a approuvée dans ses chiffres actuels."],
  };
}

function cover(input: AnnexDocxInput, title: string): FileChild[] {
  const { snapshot } = input;
  const { state, subject, year } = snapshot;
  const convention = subject.state.meta;
  const line = (label: string, value: string) =>
    new Paragraph({ style: parts.STYLE.coverLine, children: parts.runsOf([{ text: `${label} : `, style: { bold: true } }, { text: value }]) });
  const fingerprint = (label: string, value: string) => [
    new Paragraph({ style: parts.STYLE.coverLine, spacing: { before: 240 }, children: parts.textRuns(label, { bold: true }) }),
    new Paragraph({ style: parts.STYLE.fingerprint, children: parts.textRuns(value) }),
  ];
  const approved = input.approvals.filter((a) => a.status === "approuve").length;
  const status =
    snapshot.status === "adoptee" && snapshot.row?.adoptedAt
      ? `adoptée le ${formatDateLong(snapshot.row.adoptedAt.toISOString().slice(0, 10))} par toutes les parties`
      : `en préparation : ${formatCount(approved, "approbation", "approbations")} sur ${snapshot.negotiators.length}`;
  return [
    new Paragraph({ style: parts.STYLE.coverTitle, children: parts.textRuns(title) }),
    new Paragraph({ style: parts.STYLE.coverLine, spacing: { before: 480 }, children: parts.textRuns("Entre les parties :", { bold: true }) }),
    ...state.parties.map(
      (party) =>
        new Paragraph({
          style: parts.STYLE.coverLine,
          numbering: { reference: parts.BULLETS, level: 0 },
          children: parts.runsOf([{ text: party.name, style: { bold: true } }, { text: ` — ${parts.kindLabel(party)}` }]),
        }),
    ),
    new Paragraph({ style: parts.STYLE.coverLine, spacing: { before: 360 }, children: [] }),
    line("Convention", `« ${convention.title} », flux ${convention.year}, ${convention.signatureDate ? `signée le ${formatDateLong(convention.signatureDate)}` : "non encore signée"}`),
    line("Territoire", state.meta.territory.label),
    line("Année de l'annexe", `${year} (état des lieux au ${formatDateLong(`${year - 1}-12-31`)})`),
    line("Base de comparaison", snapshot.base.source === "convention" ? `la convention (flux ${snapshot.base.year})` : `l'annexe annuelle ${snapshot.base.year}, adoptée`),
    line("Statut", status),
    ...fingerprint("Empreinte de l'annexe (SHA-256) :", snapshot.fingerprint.sha256),
    ...fingerprint("Empreinte de la convention (SHA-256) :", snapshot.fingerprint.conventionFingerprint),
    new Paragraph({
      style: parts.STYLE.tableNote,
      children: parts.textRuns(
        "Les empreintes sont calculées par Conflux : celle de l'annexe sur son contenu exact (données de l'année, base de comparaison, parties), celle de la convention sur le contenu de la convention à laquelle l'annexe se rattache. Toute modification en change la valeur.",
      ),
    }),
  ];
}

/** The annex's DOCX, byte-identical for the same annex, approvals and timestamp. */
export async function buildAnnexDocx(input: AnnexDocxInput): Promise<Buffer> {
  const { snapshot } = input;
  const { state, flux, year } = snapshot;
  const conventionTitle = snapshot.subject.state.meta.title;
  const title = `Annexe annuelle ${year} à la convention « ${conventionTitle} »`;
  const children: FileChild[] = [
    ...cover(input, title),
    heading("Objet de l'annexe", true),
    body(
      `La présente annexe fixe, pour l'année ${year}, la répartition du flux annuel d'attributions entre les parties de la convention « ${conventionTitle} ». ` +
        `Ses chiffres résultent des règles de calcul de la convention appliquées aux données de l'année ${year} : l'état des lieux de chaque bailleur au 31 décembre ${year - 1}, ` +
        `le taux de rotation constaté en ${year - 1} et les déductions prévues pour ${year}. Elle ne modifie aucune autre stipulation de la convention.`,
    ),
    body("Les volumes exprimés en logements sont des estimations : l'engagement des parties porte sur les pourcentages."),
    heading(`Évolution de ${snapshot.years.base} à ${year}`),
    ...parts.tableBlock(comparisonTableModel(snapshot.comparison, snapshot.years)),
    heading(`Répartition du flux ${year}`),
    ...parts.tableBlock(renderBlock("flux_table", state, flux)),
    heading(`Taux de rotation de ${year - 1}`),
    ...parts.tableBlock(renderBlock("rotation", state, flux)),
    heading(`Déductions prévisionnelles ${year}`),
    ...parts.tableBlock(deductionsTableModel(flux, year)),
    heading("Approbations"),
    ...parts.tableBlock(approvalsModel(input)),
    heading("Signatures", true),
    ...parts.signatureBlocks(state),
  ];
  const short = (sha256: string) => ({ sha256, short: sha256.slice(0, 12) });
  const document = new Document({
    title,
    subject: "Annexe annuelle du flux",
    creator: "Conflux",
    lastModifiedBy: "Conflux",
    description: `Empreinte SHA-256 de l'annexe : ${snapshot.fingerprint.sha256} ; de la convention : ${snapshot.fingerprint.conventionFingerprint}`,
    keywords: `${snapshot.fingerprint.sha256} ${snapshot.fingerprint.conventionFingerprint}`,
    revision: 1,
    styles: parts.stylesConfig(),
    numbering: parts.numberingConfig(),
    sections: [
      {
        properties: { page: { margin: { top: parts.MARGIN, bottom: parts.MARGIN, left: parts.MARGIN, right: parts.MARGIN, header: 567, footer: 567 } } },
        headers: { default: parts.headerOf(title, snapshot.status !== "adoptee") },
        footers: { default: parts.footerOf(`Annexe annuelle ${year} (convention ${snapshot.fingerprint.conventionFingerprint.slice(0, 12)})`, short(snapshot.fingerprint.sha256)) },
        children,
      },
    ],
  });
  const packed = await Packer.pack(document, "uint8array");
  return parts.normalisePackage(packed as Uint8Array, input.timestamp);
}
