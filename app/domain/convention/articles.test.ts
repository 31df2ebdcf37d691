import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { prefectoral } from "../../../templates/prefectoral";
import { NNBSP } from "../format";
import {
  articleFingerprint,
  articleParameters,
  canonicalJson,
  extractAnnexes,
  extractArticles,
  splitSections,
  unresolvedVariables,
} from "./articles";
import { TemplateSchema } from "./template-schema";
import { exampleState } from "./test-fixtures";

const template = TemplateSchema.parse(prefectoral);

const h2 = (section: string, articleId: string | null, title: string): JSONContent => ({
  type: "heading",
  attrs: { level: 2, section, articleId },
  content: [{ type: "text", text: title }],
});
const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string): JSONContent => ({ type: "text", text });
const v = (name: string): JSONContent => ({ type: "variable", attrs: { name } });

describe("extractArticles", () => {
  it("numbers the template's articles in order, with stable ids and resolved text", () => {
    const articles = extractArticles(exampleState(template));
    expect(articles.map((a) => a.number)).toEqual(articles.map((_, i) => i + 1));
    expect(articles[0]).toMatchObject({ id: "objet", number: 1, title: "Objet" });
    expect(articles[0].text).toContain("Haute-Garonne (31)");
    expect(articles[0].text).toContain("Habitat Garonne");
    const flux = articles.find((a) => a.id === "flux-annuel");
    expect(flux?.text).toContain(`soit une estimation de 128 logements`);
    expect(flux?.text).toContain("taux retenu est le taux de rotation du bailleur dans le département en 2025, d\u2019après l\u2019état des lieux.");
    // The equation with the exact rate and the deductions by category: the table's note says the same.
    expect(flux?.text).toContain(`× taux de rotation de 8,00${NNBSP}% − 32\u00A0déductions prévues (20\u00A0mutations internes, 12\u00A0relogements ANRU`);
    expect(flux?.text).toContain("= 128\u00A0attributions, soit une estimation de 128");
    expect(flux?.text).toContain(`- publics prioritaires : 20,50${NNBSP}%, soit 26 logements ;`);
    expect(flux?.text).toContain(`représente 25,00${NNBSP}% de ce flux, soit 32 logements`);
    expect(articles.every((a) => !a.text.includes("[à compléter"))).toBe(true);
    expect(articles.every((a) => !/Article \d/.test(a.title))).toBe(true);
  });

  it("writes computed blocks as plain text inside the article", () => {
    const signalement = extractArticles(exampleState(template)).find((a) => a.id === "signalement");
    expect(signalement?.text).toContain("Délais de gestion directe\nÉtape | Parc existant, préavis d’un mois");
  });

  it("handles lists, quotes, breaks, unresolved variables and headings without an id", () => {
    const state = exampleState(template);
    state.body = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1, section: "titre", articleId: null }, content: [t("Titre")] },
        p(t("ignoré : pas un article")),
        h2("article", "premier", "Premier"),
        p(t("Ligne 1"), { type: "hardBreak" }, t("Ligne 2 de "), v("bailleur.nom")),
        { type: "bulletList", content: [{ type: "listItem", content: [p(t("a"))] }, { type: "listItem", content: [p(t("b"))] }] },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(t("trois"))] }] },
        { type: "blockquote", content: [p(t("cité"))] },
        p(v("convention.date_signature")),
        h2("article", null, "Sans identifiant"),
        { type: "heading", attrs: { level: 3, section: null, articleId: null }, content: [t("Sous-titre")] },
        h2("annexe", "annexe-x", "Annexe X"),
        p(t("contenu")),
      ],
    };
    const articles = extractArticles(state);
    expect(articles).toEqual([
      {
        id: "premier",
        number: 1,
        title: "Premier",
        text: "Ligne 1\nLigne 2 de Habitat Garonne\n- a\n- b\n3. trois\n> cité\n[à compléter : Date de signature]",
      },
      { id: "article-2", number: 2, title: "Sans identifiant", text: "Sous-titre" },
    ]);
    expect(extractAnnexes(state)).toEqual([{ id: "annexe-x", number: 1, title: "Annexe X", text: "contenu" }]);
    expect(unresolvedVariables(state)).toEqual(["convention.date_signature"]);
  });
});

describe("extractAnnexes", () => {
  it("gives the annexes with their tables, the example of deadlines last and informative", () => {
    const annexes = extractAnnexes(exampleState(template));
    expect(annexes.map((a) => a.id)).toEqual(["annexe-etat-des-lieux", "annexe-calcul-flux", "annexe-logements-exclus", "annexe-contacts", "annexe-exemple-delais"]);
    expect(annexes[1].text).toContain("Total | 100,00\u202F% | 128,00 | 128");
    expect(annexes[2].text).toContain("Plan de vente | Toujours exclu | 12");
    expect(annexes[4].text).toContain("n'a pas de valeur contractuelle");
  });
});

describe("unresolvedVariables", () => {
  it("is empty on complete data and names what is missing otherwise", () => {
    expect(unresolvedVariables(exampleState(template))).toEqual([]);
    const state = exampleState(template);
    state.flux!.bailleurs[0] = { ...state.flux!.bailleurs[0], status: "sans_etat_des_lieux", counts: null };
    delete state.parties[0].signatory;
    delete state.parties[0].legal;
    const unresolved = unresolvedVariables(state);
    // Without an état des lieux there is no assiette, hence no flux figure at all.
    expect(unresolved[0]).toBe("flux.assiette");
    expect(unresolved).toEqual(expect.arrayContaining(["flux.assiette", "flux.calcul", "flux.part_kind:prefet"]));
    // A party's block not filled in prints dotted blanks, as on a form: it is readiness that waits for it.
    expect(unresolved).not.toContain("bailleur.designation");
    expect(unresolved).not.toContain("bailleur.nom");
  });

  it("lists flux figures when the flux cannot be computed", () => {
    const state = exampleState(template);
    state.flux!.bailleurs[0].terms.deductions = { mutations: 5000, anru: 0, orcod: 0, lhi: 0, ventes: 0 };
    expect(unresolvedVariables(state)).toEqual(expect.arrayContaining(["flux.calcul", "flux.total_arrondi", "flux.part_kind:prefet"]));
  });
});

describe("articleParameters and articleFingerprint", () => {
  it("names the options and flux parameters an article depends on", () => {
    const state = exampleState(template);
    expect(articleParameters(state, "gestion")).toEqual({
      options: { gestion_prefet: { choice: "mixte" }, repartition_prefet: { choice: "uniforme" } },
    });
    expect(articleParameters(state, "flux-annuel")).toMatchObject({
      options: { definition_rotation: { choice: "standard" } },
      flux: [{ id: "org-bailleur", inventory: "imp-1", terms: state.flux!.bailleurs[0].terms }],
    });
    expect(articleParameters(state, "caleol")).toEqual({});
    expect(articleParameters(state, "inexistant")).toEqual({});
  });

  it("is canonical: key order does not matter, text and parameters do", () => {
    const article = { id: "gestion", title: "Gestion", text: "abc" };
    const a = articleFingerprint(article, { options: { x: { choice: "a", params: { p: "1" } } }, z: 1 });
    const b = articleFingerprint({ text: "abc", title: "Gestion", id: "gestion" }, { z: 1, options: { x: { params: { p: "1" }, choice: "a" } } });
    expect(a).toBe(b);
    expect(articleFingerprint({ ...article, text: "abd" }, {})).not.toBe(articleFingerprint(article, {}));
    expect(articleFingerprint(article, { options: { x: { choice: "b" } } })).not.toBe(articleFingerprint(article, { options: { x: { choice: "a" } } }));
    expect(articleFingerprint({ ...article, number: 4 } as typeof article, {})).toBe(articleFingerprint(article, {}));
  });

  it("changes when an option quoted by the article changes", () => {
    const state = exampleState(template);
    const fingerprint = () => {
      const article = extractArticles(state).find((a) => a.id === "gestion");
      return articleFingerprint(article as NonNullable<typeof article>, articleParameters(state, "gestion"));
    };
    const before = fingerprint();
    state.options.gestion_prefet = { choice: "directe" };
    expect(fingerprint()).not.toBe(before);
  });

  it("writes canonical JSON", () => {
    expect(canonicalJson({ b: [1, { d: undefined, c: "x" }], a: null })).toBe('{"a":null,"b":[1,{"c":"x"}]}');
  });
});

describe("splitSections", () => {
  it("opens a section at each level-1 or level-2 heading", () => {
    const sections = splitSections(exampleState(template).body);
    expect(sections[0]).toMatchObject({ section: "titre", level: 1, articleId: null });
    expect(sections.map((s) => s.section)).toEqual(expect.arrayContaining(["visas", "preambule", "article", "annexe", "signatures"]));
    expect(sections.at(-1)?.nodes.at(-1)).toEqual({ type: "computedBlock", attrs: { block: "signatures" } });
  });
});
