import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  jsonb,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { DECOMPTE_EVENT_CODES, REFUSAL_REASON_CODES, type DecompteEvent, type RefusalReason } from "../app/domain/decompte/events";
import { RESERVATAIRE_KINDS } from "../app/domain/flux/schema";
import { FINANCEMENTS, TYPOLOGIES } from "../app/domain/inventory/cells";

/** drizzle 0.45 has no bytea column; postgres.js returns a Buffer, PGlite a Uint8Array: normalise to Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => v,
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** bailleur | prefet | action_logement | commune | epci | departement | region | autre */
  kind: text("kind").notNull(),
  /** Département code (e.g. "31"), where the organisation acts. */
  departement: text("departement"),
  /** INSEE code for a commune, SIREN for an EPCI: what identifies its territory. */
  territoryCode: text("territory_code"),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** The signatory's capacity or job title ("Directeur général", …). */
    title: text("title"),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`), index("users_org_idx").on(t.organisationId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database dump does not give live sessions. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const conventions = pgTable("conventions", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  departement: text("departement").notNull(),
  /**
   * The territory its figures are computed on, as chosen ({ departement } | { epci } | { communes }), and its stable
   * key ("epci:243100518"), which groups the conventions that share one apportionment.
   */
  territory: jsonb("territory"),
  territoryKey: text("territory_key"),
  epci: text("epci"),
  commune: text("commune"),
  pilotOrganisationId: text("pilot_organisation_id")
    .notNull()
    .references(() => organisations.id),
  templateId: text("template_id"),
  templateVersion: text("template_version"),
  year: integer("year"),
  /** First day the convention applies (ISO date) and its length; chosen at creation. */
  startDate: text("start_date"),
  durationYears: integer("duration_years"),
  status: text("status").notNull().default("brouillon"),
  /** The day the parties signed (ISO date), set with the status "signee". */
  signatureDate: text("signature_date"),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const conventionParties = pgTable(
  "convention_parties",
  {
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** edition | commentaire | lecture: the role every member of the organisation has on this convention. */
    role: text("role").notNull(),
    /**
     * invitee | acceptee. A bailleur named by someone else is invited: its inventory enters the convention only once
     * one of its members accepts (docs/decisions/0010-server-owned-convention-data.md).
     */
    status: text("status").notNull().default("acceptee"),
    respondedAt: timestamp("responded_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conventionId, t.organisationId] }), index("parties_org_idx").on(t.organisationId)],
);

/**
 * What was signed: the document and everything printed from outside it (parties, meta, flux inputs), frozen at the
 * signature. A signed convention's read API and exports read this row, never the live data.
 */
export const conventionSignatures = pgTable("convention_signatures", {
  conventionId: text("convention_id")
    .primaryKey()
    .references(() => conventions.id, { onDelete: "cascade" }),
  signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  signedBy: text("signed_by")
    .notNull()
    .references(() => users.id),
  /** Y.encodeStateAsUpdate of the document at signature. */
  snapshot: bytea("snapshot").notNull(),
  /** The server-owned part of the state at signature (ServerConventionData, app/models/convention-data.server.ts). */
  serverData: jsonb("server_data").notNull(),
  fingerprint: text("fingerprint").notNull(),
});

/** Append-only log of merged Yjs updates; compaction replaces a prefix of it by one snapshot row. */
export const yjsUpdates = pgTable(
  "yjs_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("yjs_updates_convention_idx").on(t.conventionId, t.id)],
);

/** One import of a bailleur's inventory (état des lieux des réservations) for a year; the latest one is current. */
export const inventoryImports = pgTable(
  "inventory_imports",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    fileName: text("file_name").notNull(),
    importedBy: text("imported_by")
      .notNull()
      .references(() => users.id),
    rowCount: integer("row_count").notNull(),
    /** InventoryAggregates (app/domain/inventory/aggregate.ts), computed once at import. */
    aggregates: jsonb("aggregates").notNull(),
    /** en_attente (stored, shown for confirmation) | confirme | annule. Only a confirmed import can be current. */
    status: text("status").notNull().default("confirme"),
    /** CodeMapping ("31|al" → holder or null): the register's reading of the file's codes, frozen at confirmation. */
    mapping: jsonb("mapping"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("inventory_imports_org_year_idx").on(t.organisationId, t.year, t.createdAt)],
);

/**
 * Which confirmed import is a bailleur's current état des lieux for a year: append-only, the latest row wins, so that
 * making an earlier import current again is a new forward change that history keeps.
 */
export const inventoryCurrent = pgTable(
  "inventory_current",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    importId: text("import_id")
      .notNull()
      .references(() => inventoryImports.id),
    setBy: text("set_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("inventory_current_org_year_idx").on(t.organisationId, t.year, t.id)],
);

/**
 * The register of réservataires of a département: which organisation, and which kind of rights, a code found in
 * inventories stands for (RPLS contingent codes 1–7 and local codes). Organisation null = non réservé.
 */
export const reservataireCodes = pgTable(
  "reservataire_codes",
  {
    departement: text("departement").notNull(),
    /** The code as normalised by normalizeCode (lower case, no accents, single spaces). */
    code: text("code").notNull(),
    organisationId: text("organisation_id").references(() => organisations.id),
    /** A ReservataireKind; null with a null organisation (non réservé). */
    lineKind: text("line_kind"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.code] })],
);

/**
 * A bailleur sent its état des lieux of a year to a réservataire (docs/domain.md, "Deadlines of the yearly cycle": before
 * 28 February). Append-only: sending again (after a new import) adds a row; the réservataire reads the import it was
 * sent, restricted to the dwellings it holds.
 */
export const etatDesLieuxEnvois = pgTable(
  "etat_des_lieux_envois",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bailleurId: text("bailleur_id")
      .notNull()
      .references(() => organisations.id),
    reservataireId: text("reservataire_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    importId: text("import_id")
      .notNull()
      .references(() => inventoryImports.id),
    sentBy: text("sent_by")
      .notNull()
      .references(() => users.id),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("edl_envois_bailleur_year_idx").on(t.bailleurId, t.year),
    index("edl_envois_reservataire_year_idx").on(t.reservataireId, t.year),
  ],
);

/** A bailleur's rotation data of year n-1 for a département, entered once and used by all its conventions of year n. */
export const rotationData = pgTable(
  "rotation_data",
  {
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    departement: text("departement").notNull(),
    /** The flux year the data serve (they describe year - 1). */
    year: integer("year").notNull(),
    /** RotationData (app/domain/perimeter/rotation.ts): releases and stock. */
    data: jsonb("data").notNull(),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.departement, t.year] })],
);

/**
 * What is negotiated for a bailleur × territory × year (FluxTerms: forecast deductions, negotiated shares, droits de
 * suite): one record, quoted by every convention of that bailleur, territory and year.
 */
export const fluxTerms = pgTable(
  "flux_terms",
  {
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    territoryKey: text("territory_key").notNull(),
    terms: jsonb("terms").notNull(),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.year, t.territoryKey] })],
);

/** The dwellings of an import, one row per RPLS number. */
export const inventoryDwellings = pgTable(
  "inventory_dwellings",
  {
    importId: text("import_id")
      .notNull()
      .references(() => inventoryImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    rpls: text("rpls").notNull(),
    reservataire: text("reservataire"),
    departement: text("departement").notNull(),
    epci: text("epci").notNull(),
    commune: text("commune").notNull(),
    qpv: boolean("qpv").notNull(),
    typologie: text("typologie").notNull(),
    financement: text("financement").notNull(),
    habitat: text("habitat").notNull(),
    rotationBailleur: text("rotation_bailleur").notNull(),
    rotationExReservataire: text("rotation_ex_reservataire"),
    conventionStart: text("convention_start"),
    conventionEnd: text("convention_end"),
    exclusion: text("exclusion"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rpls] })],
);

/**
 * Append-only record of what happened on a convention: positions, approvals, comments, status changes, versions,
 * membership changes and exports. No code path updates or deletes a row.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id").references(() => organisations.id),
    userId: text("user_id").references(() => users.id),
    /** position | approval | comment | status | version | membership | export | creation | inventory | flux | deadline | annexe */
    kind: text("kind").notNull(),
    details: jsonb("details").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_convention_idx").on(t.conventionId, t.id)],
);

/**
 * Negotiation (docs/decisions/0401-negotiation.md). Every table below is append-only: a new position, approval or comment state is a
 * new row, and "current" is the latest row per key. Nothing updates or deletes them.
 */

/** A party's position on a negotiable option, with the option's value it answered (to tell when it is "à revoir"). */
export const negotiationPositions = pgTable(
  "negotiation_positions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    optionKey: text("option_key").notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** d_accord | pas_d_accord | sous_conditions | abstention */
    position: text("position").notNull(),
    reason: text("reason").notNull(),
    condition: text("condition"),
    /** The option's value ({ choice, params? }) when the position was stated. */
    optionValue: jsonb("option_value"),
    createdAt: createdAt(),
  },
  (t) => [index("negotiation_positions_convention_idx").on(t.conventionId, t.id)],
);

/** A party's approval of an article, bound to the SHA-256 of the article's fingerprint; keeps the approved text. */
export const negotiationApprovals = pgTable(
  "negotiation_approvals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    articleId: text("article_id").notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    hash: text("hash").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    parameters: jsonb("parameters"),
    createdAt: createdAt(),
  },
  (t) => [index("negotiation_approvals_convention_idx").on(t.conventionId, t.id)],
);

/** A comment thread (parentId null) or a reply; anchored to an article and/or a text range (Yjs relative positions). */
export const negotiationComments = pgTable(
  "negotiation_comments",
  {
    id: text("id").primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    parentId: text("parent_id"),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    articleId: text("article_id"),
    /** { from, to } as Y.RelativePosition JSON over the body fragment, plus the quoted text at creation. */
    anchor: jsonb("anchor"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("negotiation_comments_convention_idx").on(t.conventionId, t.createdAt)],
);

/** Resolve / reopen events of a thread; its state is the latest event. */
export const negotiationCommentEvents = pgTable(
  "negotiation_comment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    commentId: text("comment_id")
      .notNull()
      .references(() => negotiationComments.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** resolve | reopen */
    action: text("action").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("negotiation_comment_events_convention_idx").on(t.conventionId, t.id)],
);

/** A named or automatic snapshot of the document: the Yjs state plus its extracted content for diffs and restore. */
export const conventionVersions = pgTable(
  "convention_versions",
  {
    id: text("id").primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    automatic: boolean("automatic").notNull(),
    /** The convention's status when the version was taken. */
    status: text("status").notNull(),
    organisationId: text("organisation_id").references(() => organisations.id),
    userId: text("user_id").references(() => users.id),
    snapshot: bytea("snapshot").notNull(),
    /** VersionContent (app/domain/negotiation/versions.ts): body JSON, articles, parameters, options, lines, meta. */
    content: jsonb("content").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("convention_versions_number_unique").on(t.conventionId, t.number)],
);

/** Deadlines the pilot sets on negotiable options (append-only: the latest row per option is current; null clears). */
export const negotiationDeadlines = pgTable(
  "negotiation_deadlines",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    option: text("option").notNull(),
    /** ISO date "yyyy-mm-dd", or null when the pilot removed the deadline. */
    deadline: text("deadline"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [index("negotiation_deadlines_convention_idx").on(t.conventionId, t.id)],
);

/**
 * The annual flux annex of a convention for a year after its own (docs/decisions/0014-annual-flux-annex.md): generated
 * by the pilot, it follows the year's data until every negotiating party has approved it, then it is adopted and what
 * it prints is frozen here (`frozen`, AnnexFrozen in app/models/annex/annex-snapshot.server.ts), like a signature.
 */
export const fluxAnnexes = pgTable(
  "flux_annexes",
  {
    id: text("id").primaryKey(),
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    generatedBy: text("generated_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** Set, with `frozen` and `fingerprint`, in the transaction of the approval that completes it. */
    adoptedAt: timestamp("adopted_at", { withTimezone: true, mode: "date" }),
    frozen: jsonb("frozen"),
    /** SHA-256 of the adopted annex's content (its DOCX prints it). */
    fingerprint: text("fingerprint"),
  },
  (t) => [
    uniqueIndex("flux_annexes_convention_year_unique").on(t.conventionId, t.year),
    check("flux_annexes_adopted_whole", sql`(${t.adoptedAt} is null) = (${t.frozen} is null) and (${t.adoptedAt} is null) = (${t.fingerprint} is null)`),
  ],
);

/** A party's approval of an annual annex, bound to the SHA-256 of its figures (append-only: the latest per party wins). */
export const fluxAnnexApprovals = pgTable(
  "flux_annex_approvals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    annexId: text("annex_id")
      .notNull()
      .references(() => fluxAnnexes.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    hash: text("hash").notNull(),
    /** The figures as they read when approved, so that « à revoir » can show what changed. */
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("flux_annex_approvals_annex_idx").on(t.annexId, t.id)],
);

/**
 * A bailleur's events of a year (the décompte, docs/domain.md « Le décompte des attributions »), imported whole or
 * not at all from its tools. The latest import of a bailleur × year is the one every bilan counts; earlier ones stay.
 */
export const decompteImports = pgTable(
  "decompte_imports",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    fileName: text("file_name").notNull(),
    importedBy: text("imported_by")
      .notNull()
      .references(() => users.id),
    rowCount: integer("row_count").notNull(),
    /** The état des lieux the dwellings' facts were read from. */
    inventoryImportId: text("inventory_import_id")
      .notNull()
      .references(() => inventoryImports.id),
    createdAt: createdAt(),
  },
  (t) => [index("decompte_imports_org_year_idx").on(t.organisationId, t.year, t.createdAt)],
);

/** One event of an import, its réservataire code read through the register and frozen (holder null = non réservé). */
export const decompteEvents = pgTable(
  "decompte_events",
  {
    importId: text("import_id")
      .notNull()
      .references(() => decompteImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    rpls: text("rpls").notNull(),
    /** The code as the file wrote it (null: non réservé). */
    code: text("code"),
    departement: text("departement").notNull(),
    holderOrganisationId: text("holder_organisation_id").references(() => organisations.id),
    holderKind: text("holder_kind", { enum: RESERVATAIRE_KINDS }),
    date: text("date").notNull(),
    event: text("event", { enum: DECOMPTE_EVENT_CODES as [DecompteEvent, ...DecompteEvent[]] }).notNull(),
    motif: text("motif", { enum: REFUSAL_REASON_CODES as [RefusalReason, ...RefusalReason[]] }),
    adaptee: boolean("adaptee"),
    prioritaire: boolean("prioritaire"),
    dalo: boolean("dalo"),
    premierQuartile: boolean("premier_quartile"),
    commune: text("commune").notNull(),
    qpv: boolean("qpv").notNull(),
    typologie: text("typologie", { enum: TYPOLOGIES }).notNull(),
    financement: text("financement", { enum: FINANCEMENTS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] }), index("decompte_events_import_commune_idx").on(t.importId, t.commune)],
);

/**
 * An organisation as a legal person (docs/decisions/0602-legal-persons-and-signature-blocks.md): what every convention
 * it is party to prints before its representative. One row per organisation, shared by all its conventions; a signed
 * convention keeps the identity it was signed with (in `convention_signatures.server_data`). The State has none.
 */
export const organisationLegalIdentities = pgTable("organisation_legal_identities", {
  organisationId: text("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  legalName: text("legal_name").notNull(),
  /** A LegalFormCode (app/domain/legal/forms.ts): oph, esh, sem, coop_hlm, sas, commune, metropole… */
  legalForm: text("legal_form").notNull(),
  /** Nine digits, without spaces. */
  siren: text("siren"),
  address: text("address"),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * A party's signature block on one convention: who signs for it and what empowers them (the arrêté de délégation of
 * the State, the délibération of a collectivité). Written by the party's own members with the edition role.
 */
export const conventionSignatureBlocks = pgTable(
  "convention_signature_blocks",
  {
    conventionId: text("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** "M." | "Mme" */
    civility: text("civility"),
    name: text("name"),
    title: text("title"),
    /** The State's signatory signs for the préfet by delegation. */
    delegation: boolean("delegation").notNull().default(false),
    actNumber: text("act_number"),
    /** ISO date (yyyy-mm-dd). */
    actDate: text("act_date"),
    updatedBy: text("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conventionId, t.organisationId] })],
);
