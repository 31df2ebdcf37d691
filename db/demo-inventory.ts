// The demo bailleur's état des lieux: about 15 000 dwellings in Haute-Garonne, generated deterministically as the CSV a
// French spreadsheet would export (";" separators, decimal commas), then imported through the real importer.

const COMMUNES = [
  { insee: "31555", epci: "243100518", weight: 46, qpvShare: 0.22 }, // Toulouse
  { insee: "31069", epci: "243100518", weight: 9, qpvShare: 0.05 }, // Blagnac
  { insee: "31149", epci: "243100518", weight: 9, qpvShare: 0.12 }, // Colomiers
  { insee: "31557", epci: "243100518", weight: 6, qpvShare: 0 }, // Tournefeuille
  { insee: "31044", epci: "243100518", weight: 4, qpvShare: 0 }, // Balma
  { insee: "31446", epci: "243100633", weight: 6, qpvShare: 0.1 }, // Ramonville-Saint-Agne
  { insee: "31113", epci: "243100633", weight: 4, qpvShare: 0 }, // Castanet-Tolosan
  { insee: "31395", epci: "200068864", weight: 9, qpvShare: 0.15 }, // Muret
  { insee: "31483", epci: "200072643", weight: 7, qpvShare: 0.1 }, // Saint-Gaudens
];

// Réservataire column values: the keys the templates give to each party's flux line (see defaultLines).
const RESERVATAIRES: [string, number][] = [
  ["ddets-prio", 0.205],
  ["ddets-fonct", 0.045],
  ["al", 0.27],
  ["cd31", 0.05],
  ["", 0.43],
];
const BLAGNAC_KEY = "ville-de-blagnac";

const TYPOLOGIES: [string, number][] = [["T1", 0.08], ["T2", 0.24], ["T3", 0.36], ["T4", 0.24], ["T5", 0.07], ["T6+", 0.01]];
const FINANCEMENTS: [string, number][] = [["PLAI", 0.22], ["PLUS", 0.63], ["PLS", 0.12], ["PLI", 0.02], ["autre", 0.01]];
const EXCLUSIONS: [string, number][] = [
  ["", 0.965],
  ["Plan de vente", 0.012],
  ["Démolition programmée", 0.008],
  ["Logement étudiant", 0.01],
  ["Logement spécifique (foyer, résidence, IML)", 0.005],
];

/** A small seeded PRNG (mulberry32): the same seed always gives the same numbers (demo data, benchmarks). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, table: [T, number][]): T {
  let r = random();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[table.length - 1][0];
}

/** The demo inventory as CSV text (UTF-8): `count` dwellings, the same bytes for the same count. */
export function demoInventoryCsv(count = 15_000): string {
  const random = mulberry32(2026);
  const header =
    "Numéro RPLS;Réservataire;Département;EPCI;Commune (code INSEE);QPV;Typologie;Financement;Collectif/individuel;Taux de rotation du bailleur;Taux de rotation du parc ex-réservataire;Date de début de convention;Date de fin de convention;Motif d'exclusion";
  const communeTable: [(typeof COMMUNES)[number], number][] = COMMUNES.map((c) => [c, c.weight / 100]);
  const lines = [header];
  for (let i = 1; i <= count; i++) {
    const commune = pick(random, communeTable);
    let reservataire = pick(random, RESERVATAIRES);
    // The commune of Blagnac guaranteed loans on part of its territory's stock.
    if (commune.insee === "31069" && reservataire === "" && random() < 0.45) reservataire = BLAGNAC_KEY;
    const qpv = random() < commune.qpvShare ? "oui" : "non";
    const start = 2014 + Math.floor(random() * 10);
    lines.push(
      [
        `031${String(i).padStart(7, "0")}`,
        reservataire,
        "31",
        commune.epci,
        commune.insee,
        qpv,
        pick(random, TYPOLOGIES),
        pick(random, FINANCEMENTS),
        random() < 0.86 ? "collectif" : "individuel",
        "0,082",
        reservataire ? "0,075" : "",
        reservataire ? `01/01/${start}` : "",
        reservataire ? `31/12/${start + 15}` : "",
        pick(random, EXCLUSIONS),
      ].join(";"),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
