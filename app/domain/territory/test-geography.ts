// A small geography for unit tests, written by hand in the shape of @etalab/decoupage-administratif. Names, codes and
// articles are the official ones; each EPCI lists only the members kept here (Toulouse Métropole has 37 communes in
// reality, 6 here). The real data is tested in app/lib/geography.server.test.ts.
import { buildGeography, type GeographySource, type SourceCommune } from "./geography";

const commune = (code: string, nom: string, departement: string, typeLiaison: number, population: number, extra: Partial<SourceCommune> = {}): SourceCommune => ({
  code,
  nom,
  type: "commune-actuelle",
  departement,
  typeLiaison,
  population,
  ...extra,
});

export const TEST_SOURCE: GeographySource = {
  millesime: 2026,
  departements: [
    { code: "01", nom: "Ain", typeLiaison: 5 },
    { code: "13", nom: "Bouches-du-Rhône", typeLiaison: 4 },
    { code: "28", nom: "Eure-et-Loir", typeLiaison: 1 },
    { code: "29", nom: "Finistère", typeLiaison: 2 },
    { code: "2A", nom: "Corse-du-Sud", typeLiaison: 3 },
    { code: "30", nom: "Gard", typeLiaison: 2 },
    { code: "31", nom: "Haute-Garonne", typeLiaison: 3 },
    { code: "32", nom: "Gers", typeLiaison: 2 },
    { code: "59", nom: "Nord", typeLiaison: 2 },
    { code: "76", nom: "Seine-Maritime", typeLiaison: 3 },
    { code: "84", nom: "Vaucluse", typeLiaison: 2 },
    { code: "974", nom: "La Réunion", typeLiaison: 0 },
    // A collectivité d'outre-mer: outside the portal's scope, left out by the builder.
    { code: "977", nom: "Saint-Barthélemy", typeLiaison: 0 },
  ],
  epcis: [
    { code: "243100518", nom: "Toulouse Métropole", type: "METRO", populationTotale: 842_175, membres: ["31555", "31149", "31069", "31157", "31506", "31561"].map((code) => ({ code })) },
    { code: "200034726", nom: "CC Bastides de Lomagne", type: "CC", populationTotale: 11_726, membres: [{ code: "32399" }] },
    { code: "200066926", nom: "CA Grand Auch Coeur de Gascogne", type: "CA", populationTotale: 41_041, membres: [{ code: "32013" }] },
    { code: "200040350", nom: "CC Bugey Sud", type: "CC", populationTotale: 34_938, membres: [{ code: "01015" }] },
    { code: "200054807", nom: "Métropole d'Aix-Marseille-Provence", type: "METRO", populationTotale: 1_944_405, membres: [{ code: "13055" }] },
    { code: "200084952", nom: "CU Le Havre Seine Métropole", type: "CU", populationTotale: 270_407, membres: [{ code: "76351" }] },
    { code: "200093201", nom: "Métropole Européenne de Lille", type: "METRO", populationTotale: 1_204_796, membres: [{ code: "59350" }] },
    { code: "200033181", nom: "CA Chartres Métropole", type: "CA", populationTotale: 140_292, membres: [{ code: "28085" }] },
    { code: "242010056", nom: "CA du Pays Ajaccien", type: "CA", populationTotale: 93_902, membres: [{ code: "2A004" }] },
    { code: "248400251", nom: "CA du Grand Avignon (COGA)", type: "CA", populationTotale: 201_600, membres: [{ code: "84007" }, { code: "30011" }] },
    { code: "249740119", nom: "CA Intercommunale du Nord de la Réunion (CINOR)", type: "CA", populationTotale: 218_801, membres: [{ code: "97411" }] },
  ],
  communes: [
    commune("31555", "Toulouse", "31", 0, 514_819, { siren: "213105554" }),
    commune("31069", "Blagnac", "31", 0, 27_604, { siren: "213100696" }),
    commune("31149", "Colomiers", "31", 0, 40_882),
    commune("31157", "Cugnaux", "31", 0, 20_662),
    commune("31506", "Saint-Orens-de-Gameville", "31", 0, 14_646),
    commune("31561", "L'Union", "31", 5, 12_638),
    commune("32399", "Saint-Orens", "32", 0, 82),
    commune("32013", "Auch", "32", 1, 22_428),
    commune("59350", "Lille", "59", 0, 238_246, { anciensCodes: ["59298", "59355"] }),
    commune("01015", "Arboys en Bugey", "01", 1, 710, { anciensCodes: ["01340"] }),
    { code: "01015", nom: "Arbignieu", type: "commune-deleguee", departement: "01", typeLiaison: 1, chefLieu: "01015" },
    { code: "01340", nom: "Saint-Bois", type: "commune-deleguee", departement: "01", typeLiaison: 0, chefLieu: "01015" },
    commune("13055", "Marseille", "13", 0, 886_040),
    { code: "13201", nom: "Marseille 1er Arrondissement", type: "arrondissement-municipal", departement: "13", typeLiaison: 0, commune: "13055", population: 37_599 },
    commune("76351", "Le Havre", "76", 2, 166_687, { anciensCodes: ["76102", "76539", "76661"] }),
    commune("28085", "Chartres", "28", 0, 38_324),
    commune("2A004", "Ajaccio", "2A", 1, 76_320, { anciensCodes: ["20004"] }),
    commune("29083", "Île-de-Sein", "29", 1, 263),
    commune("30011", "Les Angles", "30", 4, 8_908),
    commune("84007", "Avignon", "84", 1, 92_188),
    commune("97411", "Saint-Denis", "974", 0, 155_634),
    { code: "97701", nom: "Saint-Barthélemy", type: "commune-actuelle", departement: "977", population: 10_660 },
  ],
};

export const testGeography = buildGeography(TEST_SOURCE);
