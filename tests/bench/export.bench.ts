// npm run bench:export — the DOCX export of a large multipartite convention: 6 parties, 40 articles, and an
// état-des-lieux annexe of about 2 000 rows (an inventory spread over 2 000 communes, so the real etat_des_lieux block
// yields them: no synthetic table). It prints, it does not assert.
//
// Timing: export and baseline alternate in this process (garbage collected before each pass), so that both see the
// same machine load; the ratio is the median of one over the median of the other. The baseline is docx's Packer on a
// document with the same text (every article and annexe as extracted for the read API, one paragraph per line) but no
// tables, styles, header or reproducible archive: what writing that much text to a .docx costs anyway.
// Peak memory: each kind of pass runs again alone in a child process whose maxRSS is reported.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import type { JSONContent } from "@tiptap/core";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { getTemplate } from "../../templates";
import { extractAnnexes, extractArticles } from "../../app/domain/convention/articles";
import { computeConventionFlux } from "../../app/domain/convention/scenario";
import type { ConventionState, PartyInfo } from "../../app/domain/convention/state";
import { exampleState } from "../../app/domain/convention/test-fixtures";
import { buildConventionDocx } from "../../app/export/docx.server";

const ARTICLES = 40;
const COMMUNES = 2_000;
const PASSES = 7;
const template = getTemplate("epci-multipartite")!;
const timestamp = new Date("2026-03-02T09:30:00Z");

const text = (value: string, marks?: string[]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const variable = (name: string): JSONContent => ({ type: "variable", attrs: { name } });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const heading = (level: number, section: string | null, title: string, articleId?: string): JSONContent => ({
  type: "heading",
  attrs: { level, section, ...(articleId ? { articleId } : {}) },
  content: [text(title)],
});
const block = (name: string): JSONContent => ({ type: "computedBlock", attrs: { block: name } });
const LOREM =
  "Le bailleur met à disposition du réservataire les logements libérés dans le respect des orientations de la politique intercommunale des attributions, en veillant à la mixité sociale des résidences et au relogement des ménages prioritaires.";

function largeState(): ConventionState {
  const parties: PartyInfo[] = [
    { id: "org-bailleur", name: "Habitat Garonne", kind: "bailleur", role: "edition", pilot: true, signatory: { name: "Claire Martin", title: "Directrice générale" } },
    { id: "org-prefet", name: "Préfecture de la Haute-Garonne (DDETS)", kind: "prefet", role: "edition", signatory: { name: "Jean Dupont", title: "Préfet" } },
    { id: "org-al", name: "Action Logement Services", kind: "action_logement", role: "edition", signatory: { name: "Sophie Bernard", title: "Directrice régionale" } },
    { id: "org-muret", name: "Ville de Muret", kind: "commune", role: "commentaire", signatory: { name: "Marc Petit", title: "Maire" } },
    { id: "org-epci", name: "Muretain Agglo", kind: "epci", role: "commentaire", signatory: { name: "Luc Garnier", title: "Président" } },
    { id: "org-cd31", name: "Conseil départemental de la Haute-Garonne", kind: "departement", role: "lecture", signatory: { name: "Anne Morel", title: "Présidente" } },
  ];
  const state = exampleState(template, { parties });
  const flux = state.flux!;
  const bailleur = flux.bailleurs[0]!;
  bailleur.counts!.communes = Object.fromEntries(
    Array.from({ length: COMMUNES }, (_, index) => [String(31_001 + index), { flux: 1 + (index % 7), ...(index % 3 ? { vente: index % 3 } : {}) }]),
  );
  flux.communeNames = Object.fromEntries(Array.from({ length: COMMUNES }, (_, index) => [String(31_001 + index), `Commune ${index + 1}`]));
  const content: JSONContent[] = [
    heading(1, "titre", state.meta.title),
    paragraph(text("Entre "), variable("parties.liste"), text(".")),
    heading(2, "visas", "Visas"),
    ...Array.from({ length: 6 }, (_, index) => paragraph(text(`Vu l'article L. 441-${index + 1} du code de la construction et de l'habitation ;`))),
    heading(2, "preambule", "Préambule"),
    paragraph(text(LOREM), text(" "), text("Le présent préambule fait partie de la convention.", ["italic"])),
  ];
  for (let article = 1; article <= ARTICLES; article++) {
    content.push(
      heading(2, "article", `Disposition négociée numéro ${article}`, `article-${article}`),
      paragraph(text("Le flux annuel s'établit à ", ["bold"]), variable("flux.total_arrondi"), text(" attributions ; "), text(LOREM)),
      paragraph(text(LOREM), text(" "), text(LOREM, ["italic"])),
      {
        type: "bulletList",
        content: ["les ménages prioritaires ;", "les salariés des entreprises cotisantes ;", "les agents publics."].map((item) => ({
          type: "listItem",
          content: [paragraph(text(item))],
        })),
      },
      paragraph(text("Taux de rotation retenu : "), variable("flux.taux_rotation"), text(".")),
    );
    if (article === 3) content.push(block("flux_table"));
    if (article === 12) content.push(block("deadlines"));
  }
  content.push(
    heading(2, "annexe", "État des lieux des réservations", "annexe-etat-des-lieux"),
    block("etat_des_lieux"),
    heading(2, "annexe", "Calcul du flux annuel", "annexe-calcul-flux"),
    block("rotation"),
    block("flux_table"),
    heading(2, "annexe", "Logements exclus du flux", "annexe-logements-exclus"),
    block("exclusions"),
    heading(2, "annexe", "Contacts des parties", "annexe-contacts"),
    block("contacts"),
    heading(2, "signatures", "Signatures"),
    paragraph(text("Fait en autant d'exemplaires originaux que de parties.")),
    block("signatures"),
  );
  state.body = { type: "doc", content };
  return state;
}

const state = largeState();
const computed = computeConventionFlux(state);
const extract = { computed, template };
const plainLines = [...extractArticles(state, extract), ...extractAnnexes(state, extract)].flatMap((article) => [
  `Article ${article.number} — ${article.title}`,
  ...article.text.split("\n"),
]);

const PASS = {
  export: () => buildConventionDocx({ state, status: "brouillon", versionLabel: "Version de travail", timestamp, template }),
  baseline: () =>
    Packer.toBuffer(new Document({ sections: [{ children: plainLines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] })),
} as const;
type PassName = keyof typeof PASS;

// The npm script runs without --expose-gc: turn it on here, so that every timed pass starts from a collected heap.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function timed(name: PassName): Promise<{ ms: number; bytes: number; heapMb: number }> {
  collectGarbage();
  const start = performance.now();
  const output = await PASS[name]();
  const ms = performance.now() - start;
  return { ms, bytes: output.length, heapMb: process.memoryUsage().heapUsed / 1024 / 1024 };
}

/** In a child process: one pass alone, for its peak RSS. */
async function child(name: PassName) {
  const before = process.resourceUsage().maxRSS * 1024;
  const pass = await timed(name);
  console.log(JSON.stringify({ ...pass, maxRss: process.resourceUsage().maxRSS * 1024, rssBefore: before }));
}

function peakOf(name: PassName): { maxRss: number; rssBefore: number; heapMb: number } {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--pass", name], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
}

async function main() {
  const rows = (state.body.content ?? []).filter((node) => node.type === "computedBlock").length;
  await timed("export");
  await timed("baseline");
  const figures: Record<PassName, number[]> = { export: [], baseline: [] };
  let size = { export: 0, baseline: 0 };
  let heap = { export: 0, baseline: 0 };
  for (let pass = 0; pass < PASSES; pass++) {
    for (const name of ["export", "baseline"] as const) {
      const result = await timed(name);
      figures[name].push(result.ms);
      size = { ...size, [name]: result.bytes };
      heap = { ...heap, [name]: Math.max(heap[name], result.heapMb) };
    }
  }
  const etatDesLieux = extractAnnexes(state, extract)[0].text.split("\n").length;
  const peaks = { export: peakOf("export"), baseline: peakOf("baseline") };
  const ratio = median(figures.export) / median(figures.baseline);
  console.log(`Export DOCX — ${state.parties.length} parties, ${ARTICLES} articles, ${rows} blocs calculés, annexe état des lieux de ${etatDesLieux} lignes de texte (${COMMUNES} communes)`);
  console.log(`  export (buildConventionDocx)     médiane ${median(figures.export).toFixed(0).padStart(5)} ms sur ${PASSES} passes (min ${Math.min(...figures.export).toFixed(0)}, max ${Math.max(...figures.export).toFixed(0)}) ; ${(size.export / 1024).toFixed(0)} Ko ; cible ≤ 1 500 ms`);
  console.log(`  référence (Packer, texte seul)   médiane ${median(figures.baseline).toFixed(0).padStart(5)} ms sur ${PASSES} passes (min ${Math.min(...figures.baseline).toFixed(0)}, max ${Math.max(...figures.baseline).toFixed(0)}) ; ${(size.baseline / 1024).toFixed(0)} Ko`);
  console.log(`  rapport export / référence       ${ratio.toFixed(2)}`);
  console.log(`  mémoire, export seul             pic RSS ${mb(peaks.export.maxRss)} Mo (dont ${mb(peaks.export.rssBefore)} Mo avant l'export) ; tas après une passe ${peaks.export.heapMb.toFixed(0)} Mo`);
  console.log(`  mémoire, référence seule         pic RSS ${mb(peaks.baseline.maxRss)} Mo (dont ${mb(peaks.baseline.rssBefore)} Mo avant) ; tas après une passe ${peaks.baseline.heapMb.toFixed(0)} Mo`);
}

const passArg = process.argv.indexOf("--pass");
if (passArg >= 0) await child(process.argv[passArg + 1] as PassName);
else await main();
