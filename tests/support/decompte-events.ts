// A year of décompte events generated over an état des lieux, and an independent count of it: the tests compare the
// product's bilan with this count, written here from the rules of docs/domain.md (« Le décompte des attributions »)
// without calling the product's counting code.
import { mulberry32 } from "../../db/demo-inventory";

export interface Dwelling {
  rpls: string;
  code: string;
  epci: string;
  commune: string;
  qpv: boolean;
  typologie: string;
  financement: string;
}

/** The dwellings of an état des lieux CSV in the demo's column order. */
export function dwellingsOfInventory(csv: string): Dwelling[] {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const cells = line.split(";");
      return { rpls: cells[0], code: cells[1], epci: cells[3], commune: cells[4], qpv: cells[5] === "oui", typologie: cells[6], financement: cells[7] };
    });
}

export interface GeneratedEvent {
  rpls: string;
  code: string;
  date: string;
  event: string;
  motif: string;
  adaptee: string;
  prioritaire: string;
  dalo: string;
  premierQuartile: string;
}

const MOTIFS = ["localisation", "typologie", "loyer", "etat", "sans_reponse", ""];
const YES_NO = ["oui", "non", ""];

/**
 * Events for `count` dwellings picked at random: offers refused, withdrawn, attributed, leases, entries, a second
 * vacancy for some, the bailleur's own attributions. Dates strictly increase within a dwelling's story, inside `year`.
 */
export function generateEvents(dwellings: readonly Dwelling[], count: number, seed: number, year = 2026): GeneratedEvent[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, dwellings.length)) chosen.add(Math.floor(random() * dwellings.length));
  const events: GeneratedEvent[] = [];
  for (const index of chosen) {
    const d = dwellings[index];
    let day = 1 + Math.floor(random() * 250);
    const at = () => {
      day += 1 + Math.floor(random() * 12);
      const date = new Date(Date.UTC(year, 0, Math.min(day, 365)));
      return date.toISOString().slice(0, 10);
    };
    const push = (event: string, extra: Partial<GeneratedEvent> = {}) =>
      events.push({ rpls: d.rpls, code: d.code, date: at(), event, motif: "", adaptee: "", prioritaire: "", dalo: "", premierQuartile: "", ...extra });
    const household = () => ({ prioritaire: pick(YES_NO), dalo: pick(YES_NO), premierQuartile: pick(YES_NO) });
    if (d.code === "") {
      push("proposition");
      push("attribution", household());
      if (random() < 0.8) push("bail_signe");
      continue;
    }
    const story = Math.floor(random() * 6);
    if (story !== 3) push("mise_a_disposition");
    if (story === 0) {
      push("proposition");
      push("attribution", household());
      push("bail_signe");
      push("entree_dans_les_lieux");
    } else if (story === 1) {
      push("proposition");
      push("refus_candidat", { motif: pick(MOTIFS), adaptee: pick(YES_NO) });
      if (random() < 0.5) {
        push("proposition");
        push("attribution", household());
      }
    } else if (story === 2) {
      push("retour_bailleur");
    } else if (story === 3) {
      push("proposition");
      push("attribution", household());
      push("bail_signe");
    } else if (story === 4) {
      push("proposition");
      push("refus_caleol", { motif: pick(["ressources", "solvabilite", "dossier_incomplet", ""]) });
    }
    // story 5: offered, nothing else yet. Some dwellings become vacant again later in the year.
    if (random() < 0.15 && day < 330) push("mise_a_disposition");
  }
  return events;
}

const FR_DATE = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The events as a bailleur's CSV export: ";" separators, French dates, lines shuffled (the file's order is no clue). */
export function eventsCsv(events: readonly GeneratedEvent[], seed = 7): string {
  const random = mulberry32(seed);
  const lines = events.map((e) => [e.rpls, e.code, FR_DATE(e.date), e.event, e.motif, e.adaptee, e.prioritaire, e.dalo, e.premierQuartile].join(";"));
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return ["Numéro RPLS;Réservataire;Date;Événement;Motif du refus;Proposition adaptée;Ménage prioritaire;Ménage DALO;Ménage du premier quartile", ...lines].join("\r\n") + "\r\n";
}

export type Rule = "mise_a_disposition" | "attribution" | "signature_bail" | "entree_dans_les_lieux";

export interface IndependentCount {
  counted: Record<string, number>;
  proposes: Record<string, number>;
  attribues: Record<string, number>;
  byTypologie: Record<string, [number, number]>;
  byQuarter: Record<string, [number, number]>;
  byQpv: Record<string, [number, number]>;
  refusals: number;
  returned: number;
  quartile: [number, number];
  priority: [number, number];
}

/**
 * Counts events as the rules say, per line (`lineOf(code)`), on the dwellings `inside` selects, up to `until`.
 * A vacancy is the run of one dwelling's events for one code, from a mise à disposition (or its first event) until the
 * next mise à disposition, or until an entry or a return to the bailleur closes it.
 */
export function countIndependently(
  events: readonly GeneratedEvent[],
  dwellings: ReadonlyMap<string, Dwelling>,
  options: { rule: Rule; inside: (d: Dwelling) => boolean; lineOf: (code: string) => string; obligedLines: ReadonlySet<string>; until?: string },
): IndependentCount {
  const result: IndependentCount = { counted: {}, proposes: {}, attribues: {}, byTypologie: {}, byQuarter: {}, byQpv: {}, refusals: 0, returned: 0, quartile: [0, 0], priority: [0, 0] };
  const inc = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  const incPair = (table: Record<string, [number, number]>, key: string, slot: 0 | 1) => ((table[key] ??= [0, 0])[slot] += 1);
  const stories = new Map<string, GeneratedEvent[]>();
  for (const e of events) {
    if (!options.inside(dwellings.get(e.rpls)!) || (options.until && e.date > options.until)) continue;
    const key = `${e.code}/${e.rpls}`;
    stories.set(key, [...(stories.get(key) ?? []), e]);
  }
  for (const story of stories.values()) {
    story.sort((a, b) => a.date.localeCompare(b.date));
    const vacancies: GeneratedEvent[][] = [];
    for (const e of story) {
      const last = vacancies[vacancies.length - 1];
      const closed = last?.some((x) => x.event === "entree_dans_les_lieux" || x.event === "retour_bailleur");
      if (!last || closed || e.event === "mise_a_disposition") vacancies.push([e]);
      else last.push(e);
    }
    for (const v of vacancies) {
      const d = dwellings.get(v[0].rpls)!;
      const line = options.lineOf(v[0].code);
      const kinds = new Set(v.map((e) => e.event));
      const adaptedRefusal = v.some((e) => e.event === "refus_candidat" && e.adaptee === "oui");
      const counts =
        line === "bailleur"
          ? kinds.has("attribution")
          : options.rule === "mise_a_disposition"
            ? kinds.has("mise_a_disposition") && !kinds.has("retour_bailleur")
            : options.rule === "attribution"
              ? kinds.has("attribution")
              : options.rule === "signature_bail"
                ? kinds.has("bail_signe")
                : kinds.has("entree_dans_les_lieux") || adaptedRefusal;
      if (counts) inc(result.counted, line);
      const offer = v.find((e) => e.event === "mise_a_disposition" || e.event === "proposition");
      const decision = v.find((e) => e.event === "attribution");
      const quarter = (date: string) => `T${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
      if (offer) {
        inc(result.proposes, line);
        incPair(result.byTypologie, d.typologie, 0);
        incPair(result.byQuarter, quarter(offer.date), 0);
        incPair(result.byQpv, d.qpv ? "qpv" : "hors_qpv", 0);
      }
      if (decision) {
        inc(result.attribues, line);
        incPair(result.byTypologie, d.typologie, 1);
        incPair(result.byQuarter, quarter(decision.date), 1);
        incPair(result.byQpv, d.qpv ? "qpv" : "hors_qpv", 1);
        const lastDecision = [...v].reverse().find((e) => e.event === "attribution")!;
        if (!d.qpv && kinds.has("bail_signe")) {
          result.quartile[1]++;
          if (lastDecision.premierQuartile === "oui") result.quartile[0]++;
        }
        if (options.obligedLines.has(line)) {
          result.priority[1]++;
          if (lastDecision.prioritaire === "oui" || lastDecision.dalo === "oui") result.priority[0]++;
        }
      }
      result.refusals += v.filter((e) => e.event === "refus_candidat" || e.event === "refus_caleol").length;
      if (kinds.has("retour_bailleur")) result.returned++;
    }
  }
  return result;
}
