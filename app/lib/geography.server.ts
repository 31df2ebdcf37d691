// The official geography, read once per process from @etalab/decoupage-administratif (12.6 MB of JSON, never sent to
// browsers) and kept as the compact indexes of app/domain/territory. Loaded on first use and shared; a failed load is
// not cached, so the next call tries again. Figures and choices: docs/decisions/0501-official-geography.md.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { z } from "zod";
import { buildGeography, type Geography, type GeographySource } from "~/domain/territory";

/** The package version pinned in package.json publishes the Code officiel géographique of this year. */
export const GEOGRAPHY_MILLESIME = 2026;

const PACKAGE = "@etalab/decoupage-administratif";

// Resolved through Node's module resolution rather than a path relative to this file: the production build bundles
// this module into build/server/index.js, where a relative path would point into build/.
function dataFile(name: "communes" | "epci" | "departements"): string {
  return createRequire(import.meta.url).resolve(`${PACKAGE}/data/${name}.json`);
}

// The fields the builder reads, checked once at load: a future version of the package that renamed one fails here,
// loudly, instead of producing an empty geography.
const SourceSchema = z.object({
  departements: z.array(z.object({ code: z.string(), nom: z.string(), typeLiaison: z.number() })).min(1),
  epcis: z.array(z.object({ code: z.string(), nom: z.string(), type: z.string(), populationTotale: z.number().optional(), membres: z.array(z.object({ code: z.string() })).min(1) })).min(1),
  communes: z.array(
    z.object({
      code: z.string(),
      nom: z.string(),
      type: z.string(),
      departement: z.string(),
      typeLiaison: z.number().optional(),
      chefLieu: z.string().optional(),
      commune: z.string().optional(),
      anciensCodes: z.array(z.string()).optional(),
      siren: z.string().optional(),
      population: z.number().optional(),
    }),
  ).min(1),
});

async function readJson(name: "communes" | "epci" | "departements"): Promise<unknown> {
  return JSON.parse(await readFile(dataFile(name), "utf8"));
}

/** Reads and indexes the data files (about a second; see the ADR): use `loadGeography`, which does it once. */
export async function readGeography(): Promise<Geography> {
  const [departements, epcis, communes] = await Promise.all([readJson("departements"), readJson("epci"), readJson("communes")]);
  const source: GeographySource = { millesime: GEOGRAPHY_MILLESIME, ...SourceSchema.parse({ departements, epcis, communes }) };
  return buildGeography(source);
}

let loading: Promise<Geography> | undefined;

/** The official geography, loaded on the first call and shared by every later one. */
export function loadGeography(): Promise<Geography> {
  loading ??= readGeography().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
