import { Document, Footer, NoBreakHyphen, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { type LintFinding, formatFindings, lintDocx, paragraphsOfXml } from "./docx-lint";

const N = "\u202F";
const S = "\u00A0";

/** A small real DOCX (written by docx, as the export is): one paragraph per entry, a table cell, a footer. */
async function docxOf(paragraphs: Paragraph[], options: { cell?: string; footer?: string } = {}): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [...paragraphs];
  if (options.cell) children.push(new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph(options.cell)] })] })] }));
  const document = new Document({
    sections: [{ ...(options.footer ? { footers: { default: new Footer({ children: [new Paragraph(options.footer)] }) } } : {}), children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

const lint = async (texts: string[], options = {}) => lintDocx(await docxOf(texts.map((text) => new Paragraph(text))), options);
const rules = (findings: LintFinding[]) => findings.map((finding) => finding.rule);

describe("lintDocx", () => {
  it("finds nothing in well-set French", async () => {
    const findings = await lint([
      `Vu l’article${S}R.${S}441\u20115${N}; le flux s’établit à 843${S}attributions, soit 27,22${N}% «${N}en flux${N}»${N}!`,
      `Voir https://www.legifrance.gouv.fr/loda?id=1:2 et l’adresse \`l'id\`${N}; l’heure 12:30.`,
      `Article${S}3.2 du règlement`,
    ]);
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it("reports a plain space before high punctuation and inside guillemets, with the paragraph and the text around", async () => {
    const findings = await lint(["Premier paragraphe.", "Le flux : 843 ; « en flux » ! Vraiment ?"]);
    expect(rules(findings)).toEqual(["espace-avant-ponctuation", "espace-avant-ponctuation", "espace-avant-ponctuation", "espace-avant-ponctuation", "espace-guillemets", "espace-guillemets"]);
    expect(findings[0]).toMatchObject({ part: "word/document.xml", paragraph: 2, excerpt: "Le flux⟦ ⟧: 843 ; « en flux » ! Vraiment ?" });
    expect(findings[0].message).toMatch(/espace ordinaire avant « : » : il faut une espace fine insécable \(U\+202F\)/);
  });

  it("reports straight apostrophes, but not in links or quoted code", async () => {
    const findings = await lint(["l'assiette d'Action Logement", "https://exemple.fr/l'avis et `l'id`"]);
    expect(rules(findings)).toEqual(["apostrophe-droite", "apostrophe-droite"]);
    expect(findings.map((finding) => finding.excerpt)).toEqual(["l⟦'⟧assiette d'Action Logement", "l'assiette d⟦'⟧Action Logement"]);
  });

  it("reports unresolved placeholders of every kind", async () => {
    const findings = await lint(["Le {{bailleur.nom}} signe.", "[[flux_table]]", `Fait le [à compléter${N}: Date de signature]`]);
    expect(rules(findings)).toEqual(["champ-non-resolu", "champ-non-resolu", "champ-non-resolu"]);
    expect(findings[0].message).toBe("champ non résolu « {{bailleur.nom}} » : une variable, un bloc calculé ou une donnée manque");
  });

  it("reports decimal points, not dates, versions or numbered subdivisions", async () => {
    const findings = await lint(["Le taux est de 27.22 %.", `Le 01.02.2026, version v1.2, article${S}3.2, annexe 1.4`]);
    expect(rules(findings)).toEqual(["point-decimal"]);
    expect(findings[0].message).toBe("nombre écrit avec un point décimal « 27.22 » : en français, « 27,22 »");
  });

  it("reports legal references that can break: plain space, plain hyphen, line break, no space", async () => {
    const paragraphs = [
      new Paragraph({ children: [new TextRun(`article${S}R. 441-5`)] }),
      new Paragraph({ children: [new TextRun(`L.${S}441-1`)] }),
      new Paragraph({ children: [new TextRun({ children: [`R.${S}441`, new NoBreakHyphen(), "5-2"] })] }),
      new Paragraph({ children: [new TextRun("R."), new TextRun({ break: 1 }), new TextRun("441")] }),
      new Paragraph({ children: [new TextRun(`décret n° 2020-145`)] }),
      new Paragraph({ children: [new TextRun(`R.441`)] }),
      new Paragraph({ children: [new TextRun({ children: [`décret n°${S}2020`, new NoBreakHyphen(), "145 et R."] }), new TextRun({ text: `${S}441`, bold: true })] }),
    ];
    const findings = await lintDocx(await docxOf(paragraphs));
    expect(findings.map((finding) => [finding.paragraph, finding.rule])).toEqual([
      [1, "reference-secable"],
      [2, "reference-secable"],
      [3, "reference-secable"],
      [4, "reference-secable"],
      [5, "reference-secable"],
      [6, "reference-secable"],
    ]);
    expect(findings[0].message).toBe(
      "référence « R. 441-5 » sécable : « [espace] » après « R. » au lieu d'une espace insécable ; trait d'union ordinaire (sécable) : il faut un trait d'union insécable (U+2011, <w:noBreakHyphen/>)".replace(
        "[espace]",
        " ",
      ),
    );
    expect(findings[3].message).toMatch(/\[saut de ligne\] » après « R\. »/);
    expect(findings[5].message).toMatch(/aucune espace après « R\. »/);
  });

  it("reports « article » separated from the reference it introduces by a plain space or a line break", async () => {
    const paragraphs = [
      new Paragraph({ children: [new TextRun(`l’article${S}L.${S}441\u20111 et l’article${S}12`)] }),
      new Paragraph({ children: [new TextRun(`l’article R.${S}441\u20115`)] }),
      new Paragraph({ children: [new TextRun("les articles"), new TextRun({ break: 1 }), new TextRun(`L.${S}441\u20111\u20115`)] }),
      new Paragraph({ children: [new TextRun("un article 12 de plus, l’article de loi")] }),
    ];
    const findings = await lintDocx(await docxOf(paragraphs));
    expect(findings.map((finding) => [finding.paragraph, finding.rule])).toEqual([
      [2, "reference-secable"],
      [3, "reference-secable"],
      [4, "reference-secable"],
    ]);
    expect(findings[0].message).toBe(
      "« article » est séparé de la référence qui suit (« R.[espace insécable]441-5 ») par une espace ordinaire : il faut une espace insécable, sans quoi la référence peut passer seule à la ligne suivante",
    );
    expect(findings[0].excerpt).toBe(`l’⟦article R.${S}441\u20115⟧`);
    expect(findings[1].message).toMatch(/^« articles » est séparé de la référence qui suit \(« L\.\[espace insécable\]441-1-5 »\) par un saut de ligne/);
  });

  it("reads table cells and footers too", async () => {
    const bytes = await docxOf([new Paragraph("Texte.")], { cell: "Total : 843", footer: "page 1 ; version 2" });
    const findings = await lintDocx(bytes);
    expect(findings.map((finding) => [finding.part, finding.rule])).toEqual([
      ["word/document.xml", "espace-avant-ponctuation"],
      ["word/footer1.xml", "espace-avant-ponctuation"],
    ]);
  });

  it("checks that the text quotes the flux table's figures, and says when a figure is no longer quoted", async () => {
    const texts = [`Action Logement dispose de 4,9${N}% du flux, soit 41${S}logements.`, `Le flux s’établit à 843,00${S}attributions.`];
    const figures = [
      { label: "part d’Action Logement", pattern: /Action Logement dispose de ([\d,\u202F]+\u202F%)/, expected: `4,90${N}%` },
      { label: "logements d’Action Logement", pattern: /du flux, soit ([\d\u202F]+)\u00A0logements/, expected: "42" },
      { label: "flux annuel", pattern: /s’établit à ([\d\u202F,]+)\u00A0attributions/, expected: "843" },
      { label: "part du préfet", pattern: /Le préfet dispose de ([\d,\u202F]+\u202F%)/, expected: `24,97${N}%` },
    ];
    const findings = await lint(texts, { figures });
    expect(findings.map((finding) => finding.message)).toEqual([
      "logements d’Action Logement : le texte cite « 41 », le tableau du flux donne « 42 »",
      "part du préfet : aucune phrase ne correspond à /Le préfet dispose de ([\\d,\\u202F]+\\u202F%)/g ; le texte ne cite plus ce chiffre (attendu « 24,97[espace fine insécable]% ») ou sa formulation a changé",
    ]);
    expect(findings[0].excerpt).toContain("soit ⟦41⟧");
  });

  it("formats findings as one line each, with the part, the paragraph and the excerpt", async () => {
    const findings = await lint(["Un texte : ici"]);
    expect(formatFindings(findings)).toBe(
      "[espace-avant-ponctuation] word/document.xml §1 : espace ordinaire avant « : » : il faut une espace fine insécable (U+202F), sans quoi « : » peut passer seul à la ligne — « Un texte⟦ ⟧: ici »",
    );
  });
});

describe("paragraphsOfXml", () => {
  it("reads tabs, breaks, no-break hyphens and entities as Word shows them", () => {
    const xml = `<w:body><w:p><w:r><w:t>a&amp;b</w:t><w:tab/><w:t xml:space="preserve">c </w:t><w:br/><w:t>R.&#xA0;441</w:t><w:noBreakHyphen/><w:t>5</w:t></w:r></w:p><w:p/></w:body>`;
    expect(paragraphsOfXml("word/document.xml", xml)).toEqual([
      { part: "word/document.xml", index: 1, text: `a&b\tc \nR.${S}441\u20115` },
      { part: "word/document.xml", index: 2, text: "" },
    ]);
  });
});
