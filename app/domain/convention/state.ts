// The convention's shared state: what lives in its Yjs document (besides the rich text), as zod schemas and plain
// types. The browser, the server, the read API and the DOCX export all read the document through these shapes.
import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import { RESERVATAIRE_KINDS, RateStringSchema } from "../flux/schema";
import type { InventoryAggregates } from "../inventory/aggregate";

/**
 * Names of the shared types inside a convention's Yjs document. Two owners (docs/decisions/0008-server-owned-convention-data.md):
 * clients with the edition role write the body and the negotiated data (parameters, options, lines), which the server
 * validates again after each change; the server alone writes the rest, mirrored from the database for live display,
 * and reverts any client change to it in the same tick. Decisions and outputs never read a server-owned key back from
 * the document: they read the database.
 */
export const DOC_KEYS = {
  /** XmlFragment: the rich text (ProseMirror), with article headings, variables and computed blocks. */
  body: "body",
  /** Map (server-owned): template id/version, title, territory, year, dates (see MetaSchema). */
  meta: "meta",
  /** Map: negotiated parameters of the flux (see ParametersSchema), one key per field. */
  parameters: "parameters",
  /** Map: option key → OptionValue. */
  options: "options",
  /** Array of FluxLineConfig: the réservataire lines of the flux table, in order. */
  lines: "lines",
  /** Map (server-owned): the inventory summary of the bailleur's current import (see InventorySummary). */
  inventory: "inventory",
  /** Map (server-owned): validation messages the server wrote when it refused a change, keyed by field (French text). */
  refusals: "refusals",
  /** Map (server-owned): the convention's status and parties, as the database holds them. */
  server: "server",
  /** Map (server-owned): the negotiation revision, bumped after every negotiation write (see negotiation/live.ts). */
  negotiation: "negotiation",
} as const;

/** Shared types only the server writes. */
export const SERVER_OWNED_KEYS = [DOC_KEYS.meta, DOC_KEYS.inventory, DOC_KEYS.refusals, DOC_KEYS.server, DOC_KEYS.negotiation] as const;
/** Shared types that clients with the edition role write (besides the body). */
export const CLIENT_DATA_KEYS = [DOC_KEYS.parameters, DOC_KEYS.options, DOC_KEYS.lines] as const;

/** A share or a rate between 0 and 1 (the flux engine's own bound, compared with its exact fractions). */
const rate = RateStringSchema;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);

export const MetaSchema = z.object({
  templateId: z.string(),
  templateVersion: z.string(),
  title: z.string(),
  year: z.number().int().min(2000).max(2100),
  departement: z.string(),
  epci: z.string().optional(),
  commune: z.string().optional(),
  /** First day the convention applies. */
  startDate: isoDate,
  durationYears: z.number().int().min(1).max(10),
  signaturePlace: z.string().optional(),
  /** Day the parties signed (set when the convention becomes "signée"); the signature block prints "le …" without it. */
  signatureDate: isoDate.optional(),
});
export type ConventionMeta = z.infer<typeof MetaSchema>;

export const ROTATION_METHODS = ["standard", "alternative", "saisi"] as const;

/** The negotiated parameters of the flux; every count an integer ≥ 0, every rate a decimal string. */
export const ParametersSchema = z.object({
  /** standard / alternative: computed from the releases and stock of year n-1; saisi: the rate typed below. */
  rotationMethod: z.enum(ROTATION_METHODS),
  rotationRate: rate.optional(),
  releases: z
    .object({ total: count, students: count, specific: count, mutations: count, anru: count, orcod: count, lhi: count })
    .optional(),
  stock: z.object({ total: count, students: count, specific: count, sale: count, demolition: count }).optional(),
  /** Forecast deductions of the year: internal mutations, and relogements by category. */
  deductions: z.object({ mutations: count, anru: count, orcod: count, lhi: count, ventes: count }),
});
export type ConventionParameters = z.infer<typeof ParametersSchema>;

export const GESTION_MODES = ["directe", "deleguee", "mixte"] as const;

/** One réservataire line of the flux table. */
export const FluxLineConfigSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(RESERVATAIRE_KINDS),
  /** The party (organisation id) this line belongs to, when it is a party of the convention. */
  partyId: z.string().optional(),
  label: z.string(),
  /** The value of the inventory's réservataire column that counts this line's reserved dwellings. */
  inventoryKey: z.string().optional(),
  /** A negotiated share (decimal string, e.g. "0.25"); wins over the inventory's reserved dwellings. */
  share: rate.optional(),
  method: z.enum(["assiette", "droits_de_suite"]).default("assiette"),
  programmes: z.array(z.object({ id: z.string(), droitsDeSuite: count, end: isoDate })).optional(),
  firstLettings: z.array(z.object({ year: z.number().int(), droitsUniques: count })).optional(),
  priorDroitsUniques: z.array(z.object({ year: z.number().int(), count })).optional(),
});
export type FluxLineConfig = z.infer<typeof FluxLineConfigSchema>;

/** An option's current value: the chosen choice, plus the figures some choices need (e.g. a requalification share). */
export const OptionValueSchema = z.object({
  choice: z.string(),
  params: z.record(z.string(), z.string()).optional(),
});
export type OptionValue = z.infer<typeof OptionValueSchema>;

/** What the server copies into the document from the bailleur's latest inventory import. */
export interface InventorySummary {
  importId: string;
  importedAt: string;
  fileName: string;
  year: number;
  aggregates: InventoryAggregates;
}

export interface PartyInfo {
  id: string;
  name: string;
  kind: string;
  role: "edition" | "commentaire" | "lecture";
  /** "invitee" for a bailleur that has not yet accepted to be a party (its inventory is not used until it does). */
  status?: "invitee";
  signatory?: { name: string; title?: string };
  /** True for the organisation that pilots the convention (at most one party). */
  pilot?: boolean;
  /** The party's contact for the convention's day-to-day management, printed in the contacts annexe. */
  contact?: { name?: string; email?: string; phone?: string };
}

/** A plain snapshot of the whole convention: the Yjs document's data plus the parties from the database. */
export interface ConventionState {
  id: string;
  meta: ConventionMeta;
  parties: PartyInfo[];
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
  lines: FluxLineConfig[];
  inventory: InventorySummary | null;
  body: JSONContent;
}
