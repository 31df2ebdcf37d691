// The convention's shared state: what lives in its Yjs document (besides the rich text), as zod schemas and plain
// types. The browser, the server, the read API and the DOCX export all read the convention through these shapes.
import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import type { Civility, LegalIdentity, SignatoryAct } from "../legal/identity";
import type { FluxInputs, TerritoryRef } from "../perimeter/inputs";

/**
 * Names of the shared types inside a convention's Yjs document. Two owners (docs/decisions/0010-server-owned-convention-data.md):
 * clients with the edition role write the body and the negotiated data (parameters, options), which the server
 * validates again after each change; the server alone writes the rest, mirrored from the database for live display,
 * and reverts any client change to it in the same tick. Decisions and outputs never read a server-owned key back from
 * the document: they read the database.
 */
export const DOC_KEYS = {
  /** XmlFragment: the rich text (ProseMirror), with article headings, variables and computed blocks. */
  body: "body",
  /** Map (server-owned): template id/version, title, territory, year, dates (see MetaSchema). */
  meta: "meta",
  /** Map: the convention's own settings (see ParametersSchema). */
  parameters: "parameters",
  /** Map: option key → OptionValue. */
  options: "options",
  /**
   * Map (server-owned): the inputs of the flux tables (key "inputs", see FluxInputs): each bailleur's inventory counted
   * on the territory, rotation data and negotiated terms, the holders of rights. Every browser computes from it.
   */
  flux: "flux",
  /** Map (server-owned): validation messages the server wrote when it refused a change, keyed by field (French text). */
  refusals: "refusals",
  /** Map (server-owned): the convention's status and parties, as the database holds them. */
  server: "server",
  /** Map (server-owned): the negotiation revision, bumped after every negotiation write (see negotiation/live.ts). */
  negotiation: "negotiation",
} as const;

/** Shared types only the server writes. */
export const SERVER_OWNED_KEYS = [DOC_KEYS.meta, DOC_KEYS.flux, DOC_KEYS.refusals, DOC_KEYS.server, DOC_KEYS.negotiation] as const;
/** Shared types that clients with the edition role write (besides the body). */
export const CLIENT_DATA_KEYS = [DOC_KEYS.parameters, DOC_KEYS.options] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TerritorySchema = z.object({
  key: z.string(),
  kind: z.enum(["departement", "epci", "communes"]),
  codes: z.array(z.string()),
  label: z.string(),
  departements: z.array(z.string()),
}) satisfies z.ZodType<TerritoryRef>;

export const MetaSchema = z.object({
  templateId: z.string(),
  templateVersion: z.string(),
  title: z.string(),
  year: z.number().int().min(2000).max(2100),
  /** The département the convention belongs to (its calendar, its préfet). */
  departement: z.string(),
  territory: TerritorySchema,
  /** First day the convention applies. */
  startDate: isoDate,
  durationYears: z.number().int().min(1).max(10),
  /** Day the parties signed (set when the convention becomes "signée"); the signature block prints "le …" without it. */
  signatureDate: isoDate.optional(),
});
export type ConventionMeta = z.infer<typeof MetaSchema>;

/** Longest place of signature accepted. */
const PLACE_MAX = 120;

/**
 * The convention's own settings that its editors write in the document. Figures of the flux are not here: they come
 * from the bailleurs' data and the negotiated terms shared by every convention on the same territory and year
 * (docs/decisions/0011-territory-and-one-apportionment.md), so that they cannot differ between two conventions.
 */
export const ParametersSchema = z.strictObject({
  /** Where the parties sign ("Fait à …"). */
  signaturePlace: z.string().trim().min(1).max(PLACE_MAX).optional(),
});
export type ConventionParameters = z.infer<typeof ParametersSchema>;

export const GESTION_MODES = ["directe", "deleguee", "mixte"] as const;

/** An option's current value: the chosen choice, plus the figures some choices need (e.g. a requalification share). */
export const OptionValueSchema = z.object({
  choice: z.string(),
  params: z.record(z.string(), z.string()).optional(),
});
export type OptionValue = z.infer<typeof OptionValueSchema>;

export interface PartyInfo {
  id: string;
  name: string;
  kind: string;
  role: "edition" | "commentaire" | "lecture";
  /** "invitee" for a bailleur that has not yet accepted to be a party (its inventory is not used until it does). */
  status?: "invitee";
  /**
   * Who signs for the party, as the party entered it in its signature block for this convention (empty name while
   * not given); see docs/decisions/0602-legal-persons-and-signature-blocks.md.
   */
  signatory?: {
    name: string;
    title?: string;
    civility?: Civility;
    /** The State only: the signatory signs for the préfet, by delegation (`act` is then the arrêté de délégation). */
    delegation?: boolean;
    /** What empowers the signatory: the arrêté de délégation (State) or the délibération (collectivité, EPCI). */
    act?: Partial<SignatoryAct>;
  };
  /** The organisation as a legal person (never for the State, which the préfet represents). */
  legal?: LegalIdentity;
  /** True for the organisation that pilots the convention (at most one party). */
  pilot?: boolean;
  /** The party's contact for the convention's day-to-day management, printed in the contacts annexe. */
  contact?: { name?: string; email?: string; phone?: string };
}

/** A plain snapshot of the whole convention: the document's data, the parties and the flux inputs from the server. */
export interface ConventionState {
  id: string;
  meta: ConventionMeta;
  parties: PartyInfo[];
  parameters: ConventionParameters;
  options: Record<string, OptionValue>;
  /** Null until the server computed them (a convention without a bailleur party, say). */
  flux: FluxInputs | null;
  body: JSONContent;
}
