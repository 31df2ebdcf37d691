import type { JSONContent } from "@tiptap/core";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../templates";
import { renderBlock } from "../domain/convention/blocks";
import { exampleState } from "../domain/convention/test-fixtures";
import type { ConventionState } from "../domain/convention/state";
import { buildConventionDocx, xmlSafe, type DocxExportInput } from "./docx.server";
import { conventionFingerprint, fingerprintContent } from "./fingerprint.server";
import { readZip, writeZip } from "./zip.server";

const template = getTemplate("epci-multipartite")!;
const timestamp = new Date("2026-03-02T09:30:00Z");

function input(state: ConventionState, overrides: Partial<DocxExportInput> = {}): DocxExportInput {
  return { state, status: "brouillon", versionLabel: "Version de travail", timestamp, template, ...overrides };
}

async function parts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)!.async("string");
  return { names: Object.keys(zip.files), document: await read("word/document.xml"), header: await read("word/header1.xml"), core: await read("docProps/core.xml") };
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => match[1])
    .join("")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A state whose body is exactly these nodes after a title, one article and its heading. */
function withBody(nodes: JSONContent[]): ConventionState {
  const state = exampleState(template);
  state.body = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1, section: "titre" }, content: [{ type: "text", text: "Convention d'essai" }] },
      { type: "heading", attrs: { level: 2, section: "article", articleId: "objet" }, content: [{ type: "text", text: "Objet" }] },
      ...nodes,
    ],
  };
  return state;
}

describe("buildConventionDocx", () => {
  it("gives the same bytes for the same input, dated with the version's timestamp", async () => {
    const state = exampleState(template);
    const [a, b] = [await buildConventionDocx(input(state)), await buildConventionDocx(input(structuredClone(state)))];
    expect(a.equals(b)).toBe(true);
    const { names, core } = await parts(a);
    expect(names[0]).toBe("[Content_Types].xml");
    expect(core).toContain(">2026-03-02T09:30:00Z</dcterms:created>");
    expect(core).toContain(">2026-03-02T09:30:00Z</dcterms:modified>");
    const later = await buildConventionDocx(input(state, { timestamp: new Date("2026-03-03T09:30:00Z") }));
    expect(later.equals(a)).toBe(false);
  });

  it("prints PROJET in the header of drafts only", async () => {
    const state = exampleState(template);
    for (const [status, project] of [["brouillon", true], ["en_negociation", true], ["prete_pour_signature", false], ["signee", false]] as const) {
      const { header, document } = await parts(await buildConventionDocx(input(state, { status })));
      expect(textOf(header).includes("PROJET"), status).toBe(project);
      expect(textOf(document)).not.toContain("PROJET");
    }
  });

  it("keeps bold and italic marks, lists (ordered lists restart), blockquotes, and highlights unresolved variables", async () => {
    const state = withBody([
      {
        type: "paragraph",
        content: [
          { type: "text", text: "gras", marks: [{ type: "bold" }] },
          { type: "text", text: " et " },
          { type: "text", text: "italique", marks: [{ type: "italic" }] },
          { type: "hardBreak" },
          { type: "variable", attrs: { name: "variable.inconnue" } },
        ],
      },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "puce" }] }] }] },
      { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "un" }] }] }] },
      { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "encore un" }] }] }] },
      { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "citée" }] }] },
    ]);
    const { document } = await parts(await buildConventionDocx(input(state)));
    expect(document).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>gras<\/w:t><\/w:r>/);
    expect(document).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t[^>]*>italique<\/w:t>/);
    expect(document).toMatch(/<w:br\/>/);
    expect(document).toMatch(/<w:highlight w:val="yellow"\/><\/w:rPr><w:t[^>]*>\[à compléter\u202F: [^\]]+\]<\/w:t>/);
    const numIds = [...document.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((match) => match[1]);
    // Cover bullets (one per party), the bullet list, then two ordered lists with their own instances.
    expect(new Set(numIds.slice(-2)).size).toBe(2);
    expect(document).toMatch(/<w:pStyle w:val="ConventionQuote"\/>[\s\S]*?citée/);
    expect(textOf(document)).toContain("Article\u00A01 — Objet");
  });

  it("writes a computed block as a Word table with a repeated header row and right-aligned figures", async () => {
    const state = withBody([{ type: "computedBlock", attrs: { block: "flux_table" } }]);
    const { document } = await parts(await buildConventionDocx(input(state)));
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(document)![0];
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => row);
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows).toHaveLength(1 + 5 + 2); // header, the five réservataire lines of example A, bailleur line, total
    expect(textOf(rows.at(-1)!)).toBe("Total100,00\u202F%128,00128");
    expect(rows[1].match(/<w:jc w:val="right"\/>/g)).toHaveLength(3);
  });

  it("prints the block's French error instead of a table when the flux cannot be computed", async () => {
    const state = withBody([{ type: "computedBlock", attrs: { block: "flux_table" } }]);
    state.flux!.bailleurs[0].rotation = { departemental: {}, local: null, data: null };
    const { document } = await parts(await buildConventionDocx(input(state)));
    const error = renderBlock("flux_table", state).error!;
    expect(error).toBeTruthy();
    expect(textOf(document)).toContain(`${renderBlock("flux_table", state).title}${error}`);
    expect(textOf(document)).not.toContain("Part du flux");
  });

  it("adds one signature block per party when the body has no signatures block", async () => {
    const state = withBody([{ type: "paragraph", content: [{ type: "text", text: "Sans bloc de signatures." }] }]);
    state.meta = { ...state.meta, signatureDate: "2026-04-15" };
    state.parameters = { signaturePlace: "Toulouse" };
    const { document } = await parts(await buildConventionDocx(input(state)));
    const blocks = [...document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="ConventionSignatureParty"\/>[\s\S]*?<\/w:p>/g)].map((match) => textOf(match[0]));
    // Each party as a legal person: the State "represented by the préfet", the others under their legal name.
    expect(blocks).toEqual(["Pour Habitat Garonne", "Pour l’État", "Pour Action Logement Services", "Pour la commune de Muret", "Pour le département de la Haute-Garonne"]);
    const text = textOf(document);
    expect(text).toContain("Fait à Toulouse, le 15\u00A0avril 2026");
    expect(text).toContain("Habitat Garonne, office public de l’habitat, SIREN 399\u202F123\u202F454, dont le siège est 12\u00A0allée des Tilleuls, 31000 Toulouse, représenté par Mme\u00A0Claire Martin, Directrice générale");
    expect(text).toContain("L’État, représenté par le préfet de la Haute-Garonne, M.\u00A0Jean Dupont");
    expect(text).toContain(
      "La commune de Muret, SIREN 500\u202F123\u202F450, dont le siège est Place de l’Hôtel de Ville, 31600 Muret, représentée par son maire, M.\u00A0Marc Petit, dûment habilité par délibération du conseil municipal n°\u00A02025",
    );
  });

  it("typesets every run in French: ordinals raised, references bound, names elided at a variable's seam", async () => {
    const state = withBody([
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Vu l'article R. 441-5 ; la part de " },
          { type: "variable", attrs: { name: "flux.volume_arrondi_kind:action_logement" } },
          { type: "text", text: " logements revient à la convention de " },
          { type: "variable", attrs: { name: "reservataire.nom" } },
          { type: "text", text: " à compter du 1er janvier." },
        ],
      },
    ]);
    state.parties = [state.parties[0], { ...state.parties[2] }];
    const { document } = await parts(await buildConventionDocx(input(state)));
    expect(document).toContain('<w:t xml:space="preserve">Vu l’article\u00A0R.\u00A0441</w:t><w:noBreakHyphen/><w:t xml:space="preserve">5\u202F; la part de </w:t>');
    expect(textOf(document)).toContain("revient à la convention d’Action Logement Services à compter du 1er\u00A0janvier.");
    expect(document).toMatch(/<w:r><w:rPr><w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">er<\/w:t><\/w:r>/);
    expect(textOf(document)).not.toMatch(/[^\s\u00A0\u202F][ ][:;!?]/);
  });
});

describe("conventionFingerprint", () => {
  it("changes with the printed content, not with the portal role of a party", () => {
    const state = exampleState(template);
    const base = conventionFingerprint(state);
    expect(base.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(base.short).toBe(base.sha256.slice(0, 12));
    const reRoled = structuredClone(state);
    reRoled.parties[1].role = "lecture";
    expect(conventionFingerprint(reRoled)).toEqual(base);
    const edited = structuredClone(state);
    edited.flux!.bailleurs[0].terms.deductions!.mutations += 1;
    expect(conventionFingerprint(edited).sha256).not.toBe(base.sha256);
    const signatory = structuredClone(state);
    signatory.parties[0].signatory = { name: "Autre signataire" };
    expect(conventionFingerprint(signatory).sha256).not.toBe(base.sha256);
    expect(Object.keys(fingerprintContent(state) as object).sort()).toEqual(["body", "flux", "format", "id", "meta", "options", "parameters", "parties"]);
  });
});

describe("zip", () => {
  it("round-trips entries, and JSZip reads what it writes", async () => {
    const entries = [
      { path: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { path: "word/document.xml", data: new TextEncoder().encode("é".repeat(10_000)) },
      { path: "vide.txt", data: new Uint8Array() },
    ];
    const bytes = writeZip(entries, timestamp);
    expect(readZip(bytes)).toEqual(entries);
    expect(writeZip(entries, timestamp).equals(bytes)).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("word/document.xml")!.async("string")).toBe("é".repeat(10_000));
    expect(zip.file("vide.txt")!.date.toISOString().slice(0, 16)).toBe("2026-03-02T09:30");
  });

  it("refuses what is not a zip archive", () => {
    expect(() => readZip(new TextEncoder().encode("pas une archive"))).toThrow(/Archive zip illisible/);
  });
});

describe("text that XML 1.0 forbids", () => {
  // Typed or pasted into the shared document: U+FFFE, U+FFFF, C0 controls.
  const FORBIDDEN = "\uFFFE\uFFFF\u0000\u0001\u0008\u000B\u000C\u001B";

  it("is removed from every part, so that each one parses as XML", async () => {
    // A lone surrogate as well: UTF-8 cannot encode it, docx's encoder writes U+FFFD (valid XML) in its place.
    const state = withBody([{ type: "paragraph", content: [{ type: "text", text: `avant${FORBIDDEN}\uD800après 🙂 tab\tfin` }] }]);
    // The title heading reaches the cover, the page header and the core properties.
    state.body.content![0].content = [{ type: "text", text: `Titre${FORBIDDEN} propre` }];
    const bytes = await buildConventionDocx(input(state));
    const zip = await JSZip.loadAsync(bytes);
    const xmlParts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
    expect(xmlParts).toEqual(expect.arrayContaining(["word/document.xml", "docProps/core.xml", "word/header1.xml"]));
    for (const name of xmlParts) {
      const errors: string[] = [];
      const parser = new SaxesParser();
      parser.on("error", (error) => errors.push(error.message));
      parser.write(await zip.file(name)!.async("string")).close();
      expect(errors, name).toEqual([]);
    }
    const { document, core } = await parts(bytes);
    // Only the forbidden characters went: the text around them, the emoji (a valid surrogate pair) and the tab stay.
    expect(textOf(document)).toContain("avant\uFFFDaprès 🙂 tab");
    expect(core).toContain("Titre propre");
  });

  it("xmlSafe keeps every allowed character", () => {
    const allowed = "\t\n\r Zé€\uD7FF\uE000\uFFFD𝄞🙂";
    expect(xmlSafe(allowed)).toBe(allowed);
    expect(xmlSafe(`a${FORBIDDEN}b`)).toBe("ab");
    // Lone surrogates, high or low, go too.
    expect(xmlSafe("a\uD800b\uDFFFc\uDBFF")).toBe("abc");
  });
});
