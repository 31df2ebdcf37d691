// The départements with the form of their name after a preposition: INSEE's "type de nom en clair" (TNCC) of the
// Code officiel géographique says whether a name takes an article ("la Haute-Garonne", "l’Ain", "les Landes") or
// none ("Paris", "d’Eure-et-Loir", "de Maine-et-Loire"). The codes below are INSEE's, as published in the COG.
import { APOSTROPHE } from "./characters";

/**
 * TNCC: 0 no article, consonant ("de Paris"); 1 no article, vowel ("d’Eure-et-Loir"); 2 "le"; 3 "la"; 4 "les";
 * 5 "l’".
 */
type Tncc = 0 | 1 | 2 | 3 | 4 | 5;

const TABLE =
  "01 5 Ain|02 5 Aisne|03 5 Allier|04 4 Alpes-de-Haute-Provence|05 4 Hautes-Alpes|06 4 Alpes-Maritimes|07 5 Ardèche|" +
  "08 4 Ardennes|09 5 Ariège|10 5 Aube|11 5 Aude|12 5 Aveyron|13 4 Bouches-du-Rhône|14 2 Calvados|15 2 Cantal|" +
  "16 3 Charente|17 3 Charente-Maritime|18 2 Cher|19 3 Corrèze|2A 3 Corse-du-Sud|2B 3 Haute-Corse|21 3 Côte-d'Or|" +
  "22 4 Côtes-d'Armor|23 3 Creuse|24 3 Dordogne|25 2 Doubs|26 3 Drôme|27 5 Eure|28 1 Eure-et-Loir|29 2 Finistère|" +
  "30 2 Gard|31 3 Haute-Garonne|32 2 Gers|33 3 Gironde|34 5 Hérault|35 1 Ille-et-Vilaine|36 5 Indre|" +
  "37 1 Indre-et-Loire|38 5 Isère|39 2 Jura|40 4 Landes|41 2 Loir-et-Cher|42 3 Loire|43 3 Haute-Loire|" +
  "44 3 Loire-Atlantique|45 2 Loiret|46 2 Lot|47 2 Lot-et-Garonne|48 3 Lozère|49 0 Maine-et-Loire|50 3 Manche|" +
  "51 3 Marne|52 3 Haute-Marne|53 3 Mayenne|54 0 Meurthe-et-Moselle|55 3 Meuse|56 2 Morbihan|57 3 Moselle|" +
  "58 3 Nièvre|59 2 Nord|60 5 Oise|61 5 Orne|62 2 Pas-de-Calais|63 2 Puy-de-Dôme|64 4 Pyrénées-Atlantiques|" +
  "65 4 Hautes-Pyrénées|66 4 Pyrénées-Orientales|67 2 Bas-Rhin|68 2 Haut-Rhin|69 2 Rhône|70 3 Haute-Saône|" +
  "71 0 Saône-et-Loire|72 3 Sarthe|73 3 Savoie|74 3 Haute-Savoie|75 0 Paris|76 3 Seine-Maritime|77 0 Seine-et-Marne|" +
  "78 4 Yvelines|79 4 Deux-Sèvres|80 3 Somme|81 2 Tarn|82 2 Tarn-et-Garonne|83 2 Var|84 2 Vaucluse|85 3 Vendée|" +
  "86 3 Vienne|87 3 Haute-Vienne|88 4 Vosges|89 5 Yonne|90 2 Territoire de Belfort|91 5 Essonne|92 4 Hauts-de-Seine|" +
  "93 3 Seine-Saint-Denis|94 2 Val-de-Marne|95 2 Val-d'Oise|971 3 Guadeloupe|972 3 Martinique|973 3 Guyane|" +
  "974 0 La Réunion|976 0 Mayotte";

interface Departement {
  code: string;
  name: string;
  tncc: Tncc;
}

/** Every département by code ("01" … "95", "2A", "2B", "971" … "976"), with INSEE's TNCC. */
export const DEPARTEMENTS: ReadonlyMap<string, Departement> = new Map(
  TABLE.split("|").map((entry) => {
    const [code, tncc, ...name] = entry.split(" ");
    return [code, { code, name: name.join(" ").replaceAll("'", APOSTROPHE), tncc: Number(tncc) as Tncc }];
  }),
);

const ARTICLES: Record<Tncc, string> = { 0: "", 1: "", 2: "le ", 3: "la ", 4: "les ", 5: `l${APOSTROPHE}` };

/** The name of a département ("31" → "Haute-Garonne"), or undefined for an unknown code. */
export function departementName(code: string): string | undefined {
  return DEPARTEMENTS.get(code.trim().toUpperCase())?.name;
}

/**
 * A département's name with its article, as it follows a preposition: "31" → "la Haute-Garonne", "01" → "l’Ain",
 * "40" → "les Landes", "75" → "Paris". Pass it to `de()` or `a()`: de(withArticle("40")) → "des Landes".
 * An unknown code is returned as it was given.
 */
export function withArticle(code: string): string {
  const departement = DEPARTEMENTS.get(code.trim().toUpperCase());
  return departement ? ARTICLES[departement.tncc] + departement.name : code;
}
