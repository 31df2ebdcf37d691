import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { annexeIdOf, articleIdOf, authoredBlockToNodes, expandTemplate, inlineNodes, slugify } from "./expand";
import { EXAMPLE_TERRITORY } from "./test-fixtures";
import type { PartyInfo } from "./state";
import { TemplateSchema } from "./template-schema";

const template = TemplateSchema.parse(prefectoral);
const parties: PartyInfo[] = [
  { id: "org-b", name: "Habitat Garonne", kind: "bailleur", role: "edition" },
  { id: "org-p", name: "Préfet de la Haute-Garonne", kind: "prefet", role: "edition" },
];
const input = { conventionId: "c1", title: "Convention préfet", year: 2026, departement: "31", territory: EXAMPLE_TERRITORY, startDate: "2026-01-01", parties };

describe("inline authoring", () => {
  it("turns placeholders into variable atoms and keeps the text around them", () => {
    expect(inlineNodes("Le {{bailleur.nom}} signe.")).toEqual([
      { type: "text", text: "Le " },
      { type: "variable", attrs: { name: "bailleur.nom" } },
      { type: "text", text: " signe." },
    ]);
  });

  it("marks bold and italic, nested variables stay atoms", () => {
    expect(inlineNodes("**Entre** *x* **{{a.b}} y**")).toEqual([
      { type: "text", text: "Entre", marks: [{ type: "bold" }] },
      { type: "text", text: " " },
      { type: "text", text: "x", marks: [{ type: "italic" }] },
      { type: "text", text: " " },
      { type: "variable", attrs: { name: "a.b" } },
      { type: "text", text: " y", marks: [{ type: "bold" }] },
    ]);
  });
});

describe("block authoring", () => {
  it("groups list lines, quotes, sub-headings and computed blocks", () => {
    const nodes = authoredBlockToNodes("Intro\nsuite\n- a\n- b\n1. un\n> cité\n### Sous-titre\n[[flux_table]]");
    expect(nodes.map((node) => node.type)).toEqual(["paragraph", "bulletList", "orderedList", "blockquote", "heading", "computedBlock"]);
    expect(nodes[0].content?.map((node) => node.type)).toEqual(["text", "hardBreak", "text"]);
    expect(nodes[1].content).toHaveLength(2);
    expect(nodes[4].attrs).toEqual({ level: 3, section: null, articleId: null });
    expect(nodes[5]).toEqual({ type: "computedBlock", attrs: { block: "flux_table" } });
  });
});

describe("ids", () => {
  it("slugs keys and names", () => {
    expect(slugify("Mairie de Saint-Étienne")).toBe("mairie-de-saint-etienne");
    expect(articleIdOf("flux_annuel")).toBe("flux-annuel");
    expect(annexeIdOf("etat_des_lieux")).toBe("annexe-etat-des-lieux");
  });
});

describe("expandTemplate", () => {
  const expanded = expandTemplate(template, input);

  it("records the template and the territory in meta", () => {
    expect(expanded.meta).toEqual({
      templateId: "prefectoral",
      templateVersion: "1.1.0",
      title: "Convention préfet",
      year: 2026,
      departement: "31",
      territory: EXAMPLE_TERRITORY,
      startDate: "2026-01-01",
      durationYears: 6,
    });
  });

  it("starts with the title and gives every article a stable id", () => {
    const headings = (expanded.body.content ?? []).filter((node) => node.type === "heading" && node.attrs?.level !== 3);
    expect(headings[0]).toEqual({
      type: "heading",
      attrs: { level: 1, section: "titre", articleId: null },
      content: [{ type: "text", text: "Convention préfet" }],
    });
    const articles = headings.filter((node) => node.attrs?.section === "article").map((node) => node.attrs?.articleId);
    expect(articles).toContain("flux-annuel");
    expect(new Set(articles).size).toBe(articles.length);
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(15);
    expect(expandTemplate(template, { ...input, title: "Autre" }).body.content?.filter((n) => n.attrs?.section === "article").map((n) => n.attrs?.articleId)).toEqual(articles);
  });

  it("sets every option the template offers to its default", () => {
    expect(expanded.options).toEqual({
      gestion_prefet: { choice: "mixte" },
      repartition_prefet: { choice: "uniforme" },
      decompte: { choice: "mise_a_disposition" },
      programmes_neufs: { choice: "un_tour" },
      definition_rotation: { choice: "standard" },
      logements_etudiants_specifiques: { choice: "exclus" },
    });
  });

  it("does not share the template's default objects with the state", () => {
    (expanded.parameters as Record<string, unknown>).signaturePlace = "Toulouse";
    expect(template.defaults.parameters).toEqual({});
  });
});
