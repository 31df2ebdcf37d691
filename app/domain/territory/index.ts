// Public surface of the territory module: the official geography (départements, EPCIs, communes) as pure functions
// over a `Geography` value. On the server, get one with `loadGeography()` from app/lib/geography.server.ts; in unit
// tests, build a small one with `buildGeography`. Every function takes the geography right after its subject.
//
// - A territory as input: `TerritorySchema` ({ departement } | { epci } | { communes }), `territoryFromForm`.
// - Resolved: `resolveTerritory` → { kind, key, code, label, communes, departements } or French issues.
// - Names: `departementLabel` (with article forms), `communeLabel` ("Blagnac (31069)"), `communeName`, `epciLabel`.
// - Membership: `communesOfEpci`, `communesOfDepartement`, `epciOfCommune`, `isCommuneInTerritory`, `findCommune`
//   (follows former and arrondissement codes to today's commune).
// - Search: `searchTerritories` → [{ kind, code, label, detail }].
export { DEPARTEMENT_CODE_PATTERN, INSEE_CODE_PATTERN, SIREN_PATTERN, departementOfInseeCode, isDepartementCode, isInseeCode, isSiren } from "./codes";
export { TERRITORY_FIELD_PREFIX, territoryFormFields, territoryFromForm } from "./form";
export { GeographyDataError, buildGeography } from "./geography";
export type {
  EpciNature,
  FormerCommune,
  GeoCommune,
  GeoDepartement,
  GeoEpci,
  Geography,
  GeographySource,
  SourceCommune,
  SourceDepartement,
  SourceEpci,
  SuggestionKind,
  Tncc,
} from "./geography";
export { communesOfDepartement, communesOfEpci, epciOfCommune, findCommune, isCommuneInTerritory } from "./membership";
export type { CommuneLookup } from "./membership";
export { TERRITORY_ERROR_CODES, territoryMessages } from "./messages";
export type { TerritoryErrorCode, TerritoryField, TerritoryIssue } from "./messages";
export { communeLabel, communeName, departementLabel, epciLabel, type NameForm } from "./names";
export { normalizeName } from "./normalize";
export { resolveTerritory, resolveTerritoryInput } from "./resolve";
export type { ResolveOptions, ResolveOutcome, ResolvedTerritory } from "./resolve";
export { TerritorySchema, territoryIssues, territoryKey, territoryKind } from "./schema";
export type { Territory, TerritoryKind } from "./schema";
export { TerritorySearchSchema, searchIssue, searchTerritories } from "./search";
export type { SearchOptions, TerritorySearch, TerritorySuggestion } from "./search";
export * as territoryLimits from "./limits";
