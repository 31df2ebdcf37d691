// The same year of events counted under each décompte rule (docs/domain.md, « Le décompte des attributions »). The
// expected totals are reasoned case by case in the comments of the file below, not computed.
import { describe, expect, it } from "vitest";
import { completeEvents, type DwellingFacts } from "./complete";
import { casesOf, countCases, type LedgerEvent } from "./count";
import { importDecompteCsvText } from "./importer";

const HEADER = "Numéro RPLS;Réservataire;Date;Événement;Motif du refus;Proposition adaptée;Ménage prioritaire;Ménage DALO;Ménage du premier quartile";
// prio = the préfet's priority line, al = Action Logement, ville = a commune, "" = the bailleur's own dwelling.
const FILE = [
  HEADER,
  // Case A (prio, D000000001): offered, an adapted proposal refused, then attributed, lease, entry → counts under every rule.
  "D000000001;prio;03/02/2026;mise_a_disposition;;;;;",
  "D000000001;prio;10/02/2026;proposition;;;;;",
  "D000000001;prio;24/02/2026;refus_candidat;localisation;oui;;;",
  "D000000001;prio;02/03/2026;proposition;;;;;",
  "D000000001;prio;12/03/2026;attribution;;;oui;oui;oui",
  "D000000001;prio;20/03/2026;Bail signé;;;;;",
  "D000000001;prio;01/04/2026;entree_dans_les_lieux;;;;;",
  // Case A2 (prio, same dwelling, vacant again): offered in December → counts at mise à disposition only.
  "D000000001;prio;01/12/2026;mise_a_disposition;;;;;",
  // Case B (al): offered, then back to the bailleur → counts under no rule; one dwelling returned.
  "D000000002;al;05/05/2026;mise_a_disposition;;;;;",
  "D000000002;al;09/06/2026;retour_bailleur;;;;;",
  // Case C (al): offered, the commission refuses → mise à disposition only.
  "D000000003;al;01/03/2026;mise_a_disposition;;;;;",
  "D000000003;al;05/03/2026;proposition;;;;;",
  "D000000003;al;20/03/2026;refus_caleol;ressources;;;;",
  // Case D (prio): offered, adapted proposal refused → mise à disposition and entrée dans les lieux.
  "D000000004;prio;01/06/2026;mise_a_disposition;;;;;",
  "D000000004;prio;03/06/2026;proposition;;;;;",
  "D000000004;prio;15/06/2026;refus_candidat;loyer;oui;;;",
  // Case E (ville): offered, attributed, no lease yet → mise à disposition and attribution.
  "D000000005;ville;01/07/2026;mise_a_disposition;;;;;",
  "D000000005;ville;05/07/2026;proposition;;;;;",
  "D000000005;ville;20/07/2026;attribution;;;non;non;non",
  // Case F (al, delegated: no mise à disposition) → attribution, lease and entry.
  "D000000006;al;01/09/2026;proposition;;;;;",
  "D000000006;al;15/09/2026;attribution;;;oui;non;non",
  "D000000006;al;20/09/2026;bail_signe;;;;;",
  "D000000006;al;01/10/2026;entree_dans_les_lieux;;;;;",
  // Case G (ville): offered, a proposal not adapted is refused → mise à disposition only.
  "D000000007;ville;01/10/2026;mise_a_disposition;;;;;",
  "D000000007;ville;02/10/2026;proposition;;;;;",
  "D000000007;ville;10/10/2026;refus_candidat;typologie;non;;;",
  // Case H (non réservé): the bailleur's own attribution → its line counts 1 under every rule.
  "D000000008;non réservé;25/10/2026;proposition;;;;;",
  "D000000008;non réservé;02/11/2026;attribution;;;non;non;oui",
  "D000000008;non réservé;10/11/2026;bail_signe;;;;;",
  // Case I (al): offered, adapted proposal refused → mise à disposition and entrée dans les lieux.
  "D000000009;al;15/11/2026;mise_a_disposition;;;;;",
  "D000000009;al;18/11/2026;proposition;;;;;",
  "D000000009;al;25/11/2026;refus_candidat;sans_reponse;oui;;;",
].join("\r\n");

const dwelling = (commune: string, qpv: boolean): DwellingFacts => ({ departement: "31", commune, qpv, typologie: "T3", financement: "PLUS" });
const DWELLINGS = new Map(Array.from({ length: 9 }, (_, i) => [`D00000000${i + 1}`, dwelling(i % 2 ? "31069" : "31555", i === 4)] as const));

function ledger(csv: string): LedgerEvent[] {
  const parsed = importDecompteCsvText(csv, csv.length, "utf-8");
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("\n"));
  const completed = completeEvents(parsed.rows, parsed.header, 2026, DWELLINGS);
  if (!completed.ok) throw new Error(completed.issues.map((i) => i.message).join("\n"));
  return completed.events.map((e) => ({ ...e, holder: e.reservataire }));
}

describe("counting by the décompte rule", () => {
  const cases = casesOf(ledger(FILE));
  const counted = (rule: Parameters<typeof countCases>[1]) => Object.fromEntries(countCases(cases, rule));

  it("groups the events into ten cases (the second vacancy of D000000001 is its own)", () => {
    expect(cases).toHaveLength(10);
    expect(cases.filter((c) => c.rpls === "D000000001").map((c) => c.events.length)).toEqual([7, 1]);
  });

  it("counts mise à disposition, refusals included, not what went back to the bailleur: 3 + 2 + 2 + 1 = 8", () => {
    expect(counted("mise_a_disposition")).toEqual({ prio: 3, al: 2, ville: 2, bailleur: 1 });
  });

  it("counts the commission's attributions: 1 + 1 + 1 + 1 = 4", () => {
    expect(counted("attribution")).toEqual({ prio: 1, al: 1, ville: 1, bailleur: 1 });
  });

  it("counts signed leases, the bailleur's own line at attribution: 1 + 1 + 1 = 3", () => {
    expect(counted("signature_bail")).toEqual({ prio: 1, al: 1, bailleur: 1 });
  });

  it("counts entries and adapted proposals refused, not a refused proposal marked not adapted: 2 + 2 + 1 = 5", () => {
    expect(counted("entree_dans_les_lieux")).toEqual({ prio: 2, al: 2, bailleur: 1 });
  });

  it("counts a case once even when an adapted refusal precedes the entry", () => {
    const caseA = cases.find((c) => c.rpls === "D000000001" && c.events.length === 7)!;
    expect(countCases([caseA], "entree_dans_les_lieux").get("prio")).toBe(1);
  });

  it("reads the same events whatever their order in the file", () => {
    const [header, ...lines] = FILE.split("\r\n");
    const reversed = casesOf(ledger([header, ...lines.reverse()].join("\r\n")));
    for (const rule of ["mise_a_disposition", "attribution", "signature_bail", "entree_dans_les_lieux"] as const)
      expect(Object.fromEntries(countCases(reversed, rule))).toEqual(counted(rule));
  });
});

describe("the events file, all or nothing", () => {
  it("refuses a file with one bad row, naming its line and column, and returns no row", () => {
    const bad = FILE.replace("D000000005;ville;20/07/2026;attribution", "D000000005;ville;31/02/2026;attribution");
    const parsed = importDecompteCsvText(bad, bad.length, "utf-8");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ code: "DECOMPTE_DATE_INVALIDE", line: 20, column: 3, columnName: "Date" });
    expect(parsed.issues[0].message).toMatch(/^Ligne 20, colonne 3 \(« Date »\) : valeur « 31\/02\/2026 » invalide ; attendu : la date/);
    expect("rows" in parsed).toBe(false);
  });

  it("names an unknown event, a reason on an event that is not a refusal, and a missing column", () => {
    const wrong = FILE.replace("D000000003;al;05/03/2026;proposition;;", "D000000003;al;05/03/2026;visite;;").replace(
      "D000000006;al;20/09/2026;bail_signe;;",
      "D000000006;al;20/09/2026;bail_signe;loyer;",
    );
    const parsed = importDecompteCsvText(wrong, wrong.length, "utf-8");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["DECOMPTE_EVENEMENT_INVALIDE", 13, 4],
      ["DECOMPTE_MOTIF_HORS_REFUS", 23, 5],
    ]);
    const noDate = importDecompteCsvText("Numéro RPLS;Réservataire;Événement\r\nD000000001;al;attribution", 60, "utf-8");
    expect(noDate.ok ? [] : noDate.issues.map((i) => i.code)).toEqual(["DECOMPTE_COLONNE_MANQUANTE"]);
  });

  it("refuses a dwelling missing from the état des lieux and a date outside the year, with their cells", () => {
    const parsed = importDecompteCsvText(FILE.replace("D000000009;al;15/11/2026", "D000000099;al;15/11/2025"), FILE.length, "utf-8");
    if (!parsed.ok) throw new Error("the file reads");
    const completed = completeEvents(parsed.rows, parsed.header, 2026, DWELLINGS);
    expect(completed.ok).toBe(false);
    if (completed.ok) return;
    expect(completed.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["DECOMPTE_DATE_HORS_ANNEE", 31, 3],
      ["DECOMPTE_RPLS_INCONNU", 31, 1],
    ]);
    expect(completed.issues[1].message).toMatch(/Ligne 31, colonne 1 \(« Numéro RPLS »\) : le logement « D000000099 » n'est pas dans votre état des lieux 2026/);
  });

  it("takes the dwelling's facts from the file when it gives them, from the état des lieux otherwise", () => {
    const csv = "RPLS;Réservataire;Date;Evenement;Commune;QPV;Typologie;Financement\r\nD000000001;al;2026-05-02;attribution;31149;oui;T2;PLAI\r\nD000000002;al;2026-05-02;attribution;;;;";
    const parsed = importDecompteCsvText(csv, csv.length, "utf-8");
    if (!parsed.ok) throw new Error(parsed.issues[0].message);
    const completed = completeEvents(parsed.rows, parsed.header, 2026, DWELLINGS);
    if (!completed.ok) throw new Error(completed.issues[0].message);
    expect(completed.events.map((e) => [e.commune, e.qpv, e.typologie, e.financement])).toEqual([
      ["31149", true, "T2", "PLAI"],
      ["31069", false, "T3", "PLUS"],
    ]);
  });
});
