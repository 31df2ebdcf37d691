import { describe, expect, it } from "vitest";
import {
  type ConventionState,
  type PartyInfo,
  TemplateSchema,
  coherenceIssues,
  computeConventionFlux,
  expandTemplate,
  extractAnnexes,
  extractArticles,
  renderBlock,
  resolveVariable,
  splitSections,
  unresolvedVariables,
  validateConventionState,
} from "../app/domain/convention";
import { computeFlux } from "../app/domain/flux";
import { EXAMPLE_TERRITORY, exampleFlux, exampleParties, exampleState } from "../app/domain/convention/test-fixtures";
import type { TerritoryRef } from "../app/domain/perimeter/inputs";
import { TEMPLATES, getTemplate, templatesFor } from "./index";
import { prefectoral } from "./prefectoral";

const [bailleur, prefet, al, commune, departement] = exampleParties();
const secondBailleur: PartyInfo = { id: "org-b2", name: "Toulouse Habitat Social", kind: "bailleur", role: "edition", signatory: { name: "Luc Garnier", title: "Directeur général" } };
const epci: PartyInfo = { id: "org-epci", name: "Toulouse Métropole", kind: "epci", role: "edition", signatory: { name: "Nadia Haddad", title: "Vice-présidente" } };

const PARTIES: Record<string, PartyInfo[]> = {
  prefectoral: [bailleur, prefet],
  collectivites: [bailleur, commune],
  "action-logement": [bailleur, al],
  "epci-multipartite": [bailleur, secondBailleur, prefet, al, commune, epci, departement],
};

const TERRITORIES: Record<string, TerritoryRef> = {
  prefectoral: EXAMPLE_TERRITORY,
  "action-logement": EXAMPLE_TERRITORY,
  collectivites: { key: "communes:31395", kind: "communes", codes: ["31395"], label: "la commune de Muret", departements: ["31"] },
  "epci-multipartite": { key: "epci:243100518", kind: "epci", codes: ["243100518"], label: "Toulouse Métropole", departements: ["31"] },
};

function completeState(id: string): ConventionState {
  const template = getTemplate(id);
  if (!template) throw new Error(`no template ${id}`);
  const parties = PARTIES[id].map((party) => structuredClone(party));
  const state = exampleState(template, { parties, flux: exampleFlux(parties) });
  state.meta.territory = TERRITORIES[id];
  return state;
}

describe("TEMPLATES", () => {
  it("holds the four templates, each found by id", () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(["prefectoral", "collectivites", "action-logement", "epci-multipartite"]);
    expect(getTemplate("action-logement")?.title).toBe("Action Logement");
    expect(getTemplate("inconnu")).toBeUndefined();
    expect(templatesFor("prefet").map((t) => t.id)).toEqual(["prefectoral", "epci-multipartite"]);
    expect(templatesFor("commune").map((t) => t.id)).toEqual(["collectivites", "epci-multipartite"]);
  });

  it("refuses a broken template", () => {
    const broken = structuredClone(prefectoral);
    broken.sections.push({ section: "article", key: "objet", title: "Doublon", blocks: ["[[camembert]] {{option:inconnue}}"] });
    broken.defaults.options = { decompte: { choice: "jamais" } };
    const result = TemplateSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "choix inconnu : jamais",
        "clé en double : objet",
        "bloc calculé inconnu : camembert",
        "option inconnue : inconnue",
        expect.stringMatching(/hors de l'ordre/),
      ]),
    );
  });
});

describe.each(TEMPLATES.map((t) => [t.id, t] as const))("template %s", (id, template) => {
  it("validates against TemplateSchema", () => {
    expect(TemplateSchema.safeParse(template).success).toBe(true);
  });

  it("has a title, visas citing the CCH and décret 2020-145, a préambule, 8 to 15 articles, its annexes and signatures", () => {
    const state = completeState(id);
    const sections = splitSections(state.body);
    expect(sections[0]).toMatchObject({ section: "titre", level: 1 });
    const kinds = sections.map((s) => s.section);
    expect(kinds.indexOf("visas")).toBeLessThan(kinds.indexOf("preambule"));
    expect(kinds.indexOf("preambule")).toBeLessThan(kinds.indexOf("article"));
    expect(kinds.lastIndexOf("article")).toBeLessThan(kinds.indexOf("annexe"));
    expect(kinds.at(-1)).toBe("signatures");
    const visas = JSON.stringify(sections.find((s) => s.section === "visas")?.nodes);
    for (const reference of ["L. 441-1", "R. 441-5", "2020-145", "ELAN", "3DS"]) expect(visas).toContain(reference);
    const articles = extractArticles(state, { template });
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(15);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    const annexes = extractAnnexes(state, { template });
    // The collectivités' and Action Logement's articles promise the list of reservations and their expiry: its annexe.
    const reservations = id === "collectivites" || id === "action-logement" ? ["annexe-reservations"] : [];
    expect(annexes.map((a) => a.id)).toEqual([
      "annexe-etat-des-lieux",
      "annexe-calcul-flux",
      ...reservations,
      "annexe-logements-exclus",
      "annexe-contacts",
      "annexe-exemple-delais",
    ]);
    const blocks = JSON.stringify(state.body);
    for (const block of ["etat_des_lieux", "rotation", "flux_table", "exclusions", "contacts", "signatures", "deadlines"]) {
      expect(blocks).toContain(`"block":"${block}"`);
    }
  });

  it("expands with stable article ids", () => {
    const input = { conventionId: "x", title: "A", year: 2026, departement: "31", territory: TERRITORIES[id], startDate: "2026-01-01", parties: PARTIES[id] };
    const ids = (title: string) =>
      splitSections(expandTemplate(template, { ...input, title }).body)
        .filter((s) => s.section === "article")
        .map((s) => s.articleId);
    expect(ids("B")).toEqual(ids("A"));
    expect(ids("A").every((articleId) => typeof articleId === "string" && /^[a-z0-9-]+$/.test(articleId))).toBe(true);
  });

  it("validates its own default state (template defaults, before any bailleur data)", () => {
    const parties = PARTIES[id];
    const expanded = expandTemplate(template, { conventionId: "x", title: "A", year: 2026, departement: "31", territory: TERRITORIES[id], startDate: "2026-01-01", parties });
    const state: ConventionState = { id: "x", ...expanded, parties, flux: null };
    expect(validateConventionState(state, template)).toEqual([]);
    expect(coherenceIssues(state, template)).toEqual([]);
  });

  it("with complete data: validates, resolves every variable, computes every block", () => {
    const state = completeState(id);
    expect(validateConventionState(state, template)).toEqual([]);
    expect(coherenceIssues(state, template)).toEqual([]);
    expect(unresolvedVariables(state, { template })).toEqual([]);
    const text = [...extractArticles(state, { template }), ...extractAnnexes(state, { template })].map((a) => a.text).join("\n");
    expect(text).not.toContain("[à compléter");
    expect(text).not.toContain("{{");
    for (const block of ["flux_table", "rotation", "deadlines", "etat_des_lieux", "exclusions", "contacts", "signatures"]) {
      expect(renderBlock(block, state).error).toBeUndefined();
    }
    const [table] = computeConventionFlux(state).tables;
    expect(table.outcome).toEqual(computeFlux(table.scenario));
    expect(table.outcome?.ok).toBe(true);
  });

  it("follows the référentiel's defaults: décompte at mise à disposition, one-round rights, standard rotation", () => {
    const options = Object.fromEntries(template.options.map((o) => [o.key, o.default]));
    expect(options.decompte).toBe("mise_a_disposition");
    expect(options.programmes_neufs).toBe("un_tour");
    expect(options.definition_rotation).toBe("standard");
    if (options.gestion_action_logement) expect(options.gestion_action_logement).toBe("directe");
    if (options.gestion_collectivites) expect(options.gestion_collectivites).toBe("directe");
    if (options.gestion_prefet) expect(["mixte", "deleguee"]).toContain(options.gestion_prefet);
    if (options.droits_de_suite) expect(options.droits_de_suite).toBe("assiette");
  });
});

describe("template specifics", () => {
  it("préfectoral covers the ministerial list of matters", () => {
    const titles = extractArticles(completeState("prefectoral")).map((a) => a.title.toLowerCase());
    for (const word of ["logements concernés", "taux de rotation", "publics", "signalement", "absence de candidat", "commission", "reprise", "baux", "renouvellement", "bilan"]) {
      expect(titles.some((title) => title.includes(word))).toBe(true);
    }
  });

  it("collectivités explains guarantees ending 5 years after repayment and the CIL link", () => {
    const text = extractArticles(completeState("collectivites")).map((a) => a.text).join("\n");
    expect(text).toContain("cinq ans après le remboursement");
    expect(text).toContain("conférence intercommunale du logement");
    expect(text).toContain("Ville de Muret");
  });

  it("Action Logement shows the droits-de-suite schedule annexe and the mixed-management option", () => {
    const state = completeState("action-logement");
    const annexe = extractAnnexes(state).find((a) => a.id === "annexe-calcul-flux");
    expect(annexe?.text).toContain("Échéancier des droits de suite d’Action Logement");
    state.options.gestion_action_logement = { choice: "mixte", params: { requalification: "0.30" } };
    expect(validateConventionState(state, getTemplate("action-logement") as never)).toEqual([]);
    const gestion = extractArticles(state).find((a) => a.id === "gestion")?.text ?? "";
    expect(gestion).toContain("au moins 30\u202F% de ce flux");
    // One figure for the requalified share: the option's, never a second floor written beside it.
    expect(gestion.match(/\d+\u202F%/g)).toEqual(["30\u202F%"]);
    state.options.gestion_action_logement = { choice: "mixte", params: { requalification: "0.40" } };
    expect(extractArticles(state).find((a) => a.id === "gestion")?.text.match(/\d+\u202F%/g)).toEqual(["40\u202F%"]);
  });

  it("EPCI multipartite gathers several bailleurs and réservataires in one document and drops articles of absent kinds", () => {
    const state = completeState("epci-multipartite");
    const articles = extractArticles(state);
    expect(articles[0].text).toContain("Habitat Garonne et Toulouse Habitat Social");
    expect(articles.map((a) => a.id)).toEqual(expect.arrayContaining(["contingent-prefet", "action-logement", "collectivites"]));
    expect(renderBlock("signatures", state).rows).toHaveLength(7);
    const template = getTemplate("epci-multipartite");
    if (!template) throw new Error("missing");
    const withoutPrefet = expandTemplate(template, {
      conventionId: "x",
      title: "A",
      year: 2026,
      departement: "31",
      territory: TERRITORIES["epci-multipartite"],
      startDate: "2026-01-01",
      parties: [bailleur, commune],
    });
    const ids = splitSections(withoutPrefet.body).map((s) => s.articleId);
    expect(ids).not.toContain("contingent-prefet");
    expect(ids).not.toContain("action-logement");
    expect(Object.keys(withoutPrefet.options)).not.toContain("gestion_prefet");
  });
});

/** Text with plain spaces and apostrophes: resolved variables are typeset, the prose around them is not (ADR 0302). */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, " ").replace(/\u2019/g, "'").replace(/\u2011/g, "-");

describe.each(TEMPLATES.map((t) => [t.id, t] as const))("template %s: text that is true and consistent", (id, template) => {
  const text = (state: ConventionState) => [...extractArticles(state, { template }), ...extractAnnexes(state, { template })].map((a) => ({ ...a, text: plain(a.text) }));
  const sentences = (state: ConventionState) =>
    text(state).flatMap((a) => a.text.split(/(?<=[.;])\s+(?=[A-ZÀ-Ý])|\n/).map((sentence) => ({ id: a.id, sentence })));

  it("quotes the flux equation of the table's note, with the deductions by category", () => {
    const state = completeState(id);
    const note = renderBlock("flux_table", state).notes[0];
    const [equation] = /assiette de .* attributions/.exec(plain(note)) ?? [];
    expect(equation).toMatch(/\(\d+ mutations internes, \d+ relogements ANRU, \d+ relogement ORCOD, \d+ relogement LHI et \d+ relogement lié aux ventes\) = /);
    const quoting = text(state).filter((a) => a.text.includes("× taux de rotation"));
    // The article on the flux and the annexe on its calculation, at least.
    expect(quoting.length).toBeGreaterThanOrEqual(2);
    for (const article of quoting) expect(article.text).toContain(equation);
  });

  it("says the same thing of the annual update and of avenants everywhere", () => {
    const state = completeState(id);
    const mentions = sentences(state).filter(({ sentence }) => /avenant|mise à jour annuelle|annexe annuelle/i.test(sentence));
    const resolved = (name: string) => {
      const result = resolveVariable(name, state);
      if (!result.ok) throw new Error(`${name} resolves on its own`);
      return plain(result.text);
    };
    const update = resolved("convention.mise_a_jour_annuelle");
    const amendment = resolved("convention.avenant");
    expect(mentions.length).toBeGreaterThan(0);
    for (const { id: article, sentence } of mentions) {
      const fromOneSource = update.includes(sentence.trim()) || amendment.includes(sentence.trim()) || !/avenant/i.test(sentence) || /annexe annuelle et, le cas échéant, les avenants/.test(sentence);
      expect(fromOneSource, `${article} : « ${sentence} »`).toBe(true);
    }
    expect(text(state).map((a) => a.text).join("\n")).not.toMatch(/par voie d'avenant|sans qu'un avenant/);
    expect(update).toContain("au 31 décembre de l'année précédente");
    expect(update).toContain("annexe annuelle approuvée par les parties, sans avenant");
  });

  it("keeps examples and holiday lists out of the contractual text", () => {
    const state = completeState(id);
    const contractual = text(state).filter((a) => a.id !== "annexe-exemple-delais");
    for (const article of contractual) expect(article.text, article.id).not.toMatch(/Jours fériés|Exemple|congé reçu le/);
    const informative = extractAnnexes(state, { template }).find((a) => a.id === "annexe-exemple-delais");
    expect(informative?.title).toMatch(/informative/);
    expect(informative?.text).toContain("n'a pas de valeur contractuelle");
  });

  it("cites only article R. 441-5 for the préfet's caps, and claims no hors-QPV floor for the préfet", () => {
    const state = completeState(id);
    for (const { id: article, sentence } of sentences(state)) {
      if (/30 %|5 % au plus/.test(sentence) && /préfet|agents de l/.test(sentence)) expect(sentence, article).toMatch(/R\. 441-5 /);
      if (/préfet/.test(sentence)) expect(sentence, article).not.toMatch(/hors QPV|en dehors des quartiers/);
    }
  });

  it("cites no article of the code beyond those the domain rests on (L. 441-1, R. 441-5; docs/domain.md)", () => {
    const state = completeState(id);
    const cited = new Set([...JSON.stringify(state.body).matchAll(/\b([LRD])\.\s?(\d{3}(?:-\d+)+)/g)].map(([, kind, number]) => `${kind}. ${number}`));
    expect([...cited].sort()).toEqual(["L. 441-1", "R. 441-5"]);
  });

  it("states the obligations of article L. 441-1", () => {
    const state = completeState(id);
    const article = text(state).find((a) => a.id === "objectifs-attribution");
    expect(article?.text).toContain("au moins 25 % des attributions annuelles");
    expect(article?.text).toContain("premier quartile");
    if (id !== "prefectoral") {
      expect(article?.text).toMatch(/au moins 25 % des attributions réalisées au titre de (son|leur) contingent aux ménages bénéficiant d'une décision favorable/);
    }
  });

  it("sends disputes to the court the parties' nature designates, after an amicable step", () => {
    const state = completeState(id);
    const litiges = text(state).find((a) => a.id === "litiges")?.text ?? "";
    expect(litiges).toMatch(/^Tout différend .* recherche d'accord amiable/);
    // Every template's example parties include a public person (the State, a collectivité or the OPH Habitat Garonne).
    expect(litiges).toContain("tribunal administratif");
  });
});

describe("dispute clause by the parties' nature", () => {
  it("goes to the judicial court between a société d'HLM and Action Logement Services, to the administrative one with an OPH", () => {
    const state = completeState("action-logement");
    const template = getTemplate("action-logement")!;
    const litiges = () => plain(extractArticles(state, { template }).find((a) => a.id === "litiges")?.text ?? "");
    expect(litiges()).toContain("tribunal administratif");
    expect(litiges()).toContain("Habitat Garonne y est partie en qualité de personne publique");
    state.parties[0].legal = { ...state.parties[0].legal!, form: "esh" };
    expect(litiges()).toContain("tribunal judiciaire");
    expect(litiges()).toContain("aucune des parties n'étant une personne publique");
    // Until the bailleur says what it is, the clause cannot choose the court (and the bailleur's block is incomplete).
    delete state.parties[0].legal;
    expect(litiges()).toContain("devant la juridiction territorialement compétente, administrative si une personne publique est partie à la convention, judiciaire sinon");
  });
});
