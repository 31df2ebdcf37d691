import { searchTerritories, type TerritorySearch, type TerritorySuggestion } from "~/domain/territory";
import { loadGeography } from "~/lib/geography.server";

/** The suggestions of GET /api/territoires (docs/api.md), from the official geography loaded once per process. */
export async function suggestTerritories(search: TerritorySearch): Promise<{ suggestions: TerritorySuggestion[] }> {
  const geography = await loadGeography();
  return { suggestions: searchTerritories(search.q, geography, { departement: search.departement, limit: search.limit }) };
}
