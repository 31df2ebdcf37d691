import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbTransaction } from "../../db/client";
import { conventionParties, conventions, organisations, yjsUpdates } from "../../db/schema";
import { getTemplate } from "../../templates";
import { documentToUpdate } from "../collab/document.server";
import { expandTemplate } from "../domain/convention/expand";
import type { ConventionParameters, OptionValue, PartyInfo } from "../domain/convention/state";
import { resolveTerritory } from "../domain/territory";
import { loadGeography } from "../lib/geography.server";
import type { NewConventionInput } from "../lib/convention-forms";
import type { OrganisationKind, Role } from "../lib/roles";
import { loadServerData } from "./convention-data.server";
import { territoryRef } from "./flux-inputs.server";
import { getOrganisations } from "./organisation.server";
import { recordAudit } from "./audit.server";

export interface ConventionSummary {
  id: string;
  title: string;
  role: Role;
  status: string;
  departement: string;
  epci: string | null;
  commune: string | null;
  year: number | null;
  pilot: { id: string; name: string };
  parties: number;
  updatedAt: string;
  /** The territory in French ("Toulouse Métropole", "le département de la Haute-Garonne"), when it resolves. */
  territoryLabel: string | null;
}

export interface Party {
  id: string;
  name: string;
  kind: OrganisationKind;
  role: Role;
  /** "invitee" until an invited bailleur accepts; the others are parties at once. */
  status: "invitee" | "acceptee";
}

export interface ConventionAccess {
  convention: typeof conventions.$inferSelect;
  role: Role;
  isPilot: boolean;
}

/** The conventions whose parties include the user's organisation, most recently changed first. */
export async function listConventionsForUser(db: Db, organisationId: string): Promise<ConventionSummary[]> {
  const rows = await db
    .select({ convention: conventions, role: conventionParties.role, pilotName: organisations.name })
    .from(conventionParties)
    .innerJoin(conventions, eq(conventions.id, conventionParties.conventionId))
    .innerJoin(organisations, eq(organisations.id, conventions.pilotOrganisationId))
    .where(eq(conventionParties.organisationId, organisationId))
    .orderBy(desc(conventions.updatedAt), asc(conventions.title));
  if (rows.length === 0) return [];
  const counts = await db
    .select({ conventionId: conventionParties.conventionId })
    .from(conventionParties)
    .where(
      inArray(
        conventionParties.conventionId,
        rows.map((r) => r.convention.id),
      ),
    );
  const partyCount = new Map<string, number>();
  for (const c of counts) partyCount.set(c.conventionId, (partyCount.get(c.conventionId) ?? 0) + 1);
  const geography = await loadGeography();
  const labelOf = (territory: unknown): string | null => {
    if (!territory || typeof territory !== "object") return null;
    const resolved = resolveTerritory(territory as Parameters<typeof resolveTerritory>[0], geography);
    return resolved.ok ? resolved.territory.label : null;
  };
  return rows.map(({ convention: c, role, pilotName }) => ({
    id: c.id,
    title: c.title,
    role: role as Role,
    status: c.status,
    departement: c.departement,
    epci: c.epci,
    commune: c.commune,
    year: c.year,
    pilot: { id: c.pilotOrganisationId, name: pilotName },
    parties: partyCount.get(c.id) ?? 0,
    territoryLabel: labelOf(c.territory),
    updatedAt: c.updatedAt.toISOString(),
  }));
}

/** The user's role on a convention, or null when the convention does not exist or the user is not a party. */
export async function getConventionAccess(
  db: Db,
  organisationId: string,
  conventionId: string,
): Promise<ConventionAccess | null> {
  const rows = await db
    .select({ convention: conventions, role: conventionParties.role })
    .from(conventions)
    .innerJoin(
      conventionParties,
      and(eq(conventionParties.conventionId, conventions.id), eq(conventionParties.organisationId, organisationId)),
    )
    .where(eq(conventions.id, conventionId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    convention: row.convention,
    role: row.role as Role,
    isPilot: row.convention.pilotOrganisationId === organisationId,
  };
}

export async function listParties(db: Db | DbTransaction, conventionId: string): Promise<Party[]> {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      role: conventionParties.role,
      status: conventionParties.status,
    })
    .from(conventionParties)
    .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
    .where(eq(conventionParties.conventionId, conventionId))
    .orderBy(asc(conventionParties.createdAt), asc(organisations.name));
  return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind, role: r.role as Role, status: r.status === "invitee" ? "invitee" : "acceptee" }));
}

const TERRITORY_KINDS_TEXT: Record<string, string> = {
  departement: "un département",
  epci: "le territoire d'un EPCI",
  "communes,epci": "une commune, une liste de communes ou un EPCI",
};

export class ConventionCreationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates a convention from a template on a territory: the pilot's organisation leads with the `edition` role, the
 * parties get theirs (a bailleur named by someone else is invited), and the Yjs document is built from the template,
 * with the server's flux inputs mirrored into it. Everything is written in one transaction.
 */
export async function createConventionFromTemplate(
  db: Db,
  pilot: { organisationId: string; userId?: string },
  input: NewConventionInput & {
    /** The convention's own settings known at creation, over the template's defaults. */
    parameters?: Partial<ConventionParameters>;
    /** Option values known at creation, over the template's defaults. */
    options?: Record<string, OptionValue>;
  },
): Promise<string> {
  const template = getTemplate(input.templateId);
  if (!template) throw new ConventionCreationError("templateId", "Ce modèle de convention n'existe pas.");
  const geography = await loadGeography();
  const resolved = resolveTerritory(input.territory, geography);
  if (!resolved.ok) throw new ConventionCreationError(`territory${resolved.issues[0].field ? `.${resolved.issues[0].field}` : ""}`, resolved.issues[0].message);
  const territory = territoryRef(resolved.territory);
  if (!template.territoryKinds.includes(territory.kind))
    throw new ConventionCreationError("territory", `Le modèle « ${template.title} » porte sur ${TERRITORY_KINDS_TEXT[template.territoryKinds.join(",")] ?? template.territoryKinds.join(" ou ")} : choisissez un territoire de ce type.`);
  const departement = territory.departements[0];
  const startDate = input.startDate ?? `${input.year}-01-01`;
  const roles = new Map(input.parties.map((p) => [p.organisationId, p.role] as const));
  roles.set(pilot.organisationId, "edition");
  const orgs = await getOrganisations(db, [...roles.keys()]);
  if (orgs.length !== roles.size) throw new ConventionCreationError("parties", "Une organisation choisie n'existe plus.");
  const ordered = [...orgs].sort((a, b) =>
    a.id === pilot.organisationId ? -1 : b.id === pilot.organisationId ? 1 : a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, "fr"),
  );
  const reservataires = ordered.filter((o) => o.kind !== "bailleur");
  const bailleurs = ordered.filter((o) => o.kind === "bailleur");
  if (bailleurs.length === 0) throw new ConventionCreationError("parties", "Une convention compte au moins un bailleur parmi ses parties.");
  if (reservataires.length === 0) throw new ConventionCreationError("parties", "Ajoutez au moins un réservataire comme partie.");
  if (!template.multipartite && bailleurs.length > 1)
    throw new ConventionCreationError("parties", `Le modèle « ${template.title} » est bilatéral : un seul bailleur.`);
  const applicable = new Set<string>(template.reservataireKinds);
  if (!reservataires.some((r) => applicable.has(r.kind)))
    throw new ConventionCreationError("parties", `Le modèle « ${template.title} » suppose un réservataire de type : ${template.reservataireKinds.join(", ")}.`);

  const id = randomUUID();
  // A bailleur named by someone else is invited: its data enters the convention only once it accepts.
  const statusOf = (o: { id: string; kind: string }) => (o.kind === "bailleur" && o.id !== pilot.organisationId ? "invitee" : "acceptee");
  const parties: PartyInfo[] = ordered.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    role: roles.get(o.id)!,
    ...(statusOf(o) === "invitee" ? { status: "invitee" as const } : {}),
    ...(o.id === pilot.organisationId ? { pilot: true } : {}),
  }));
  const expanded = expandTemplate(template, {
    conventionId: id,
    title: input.title,
    year: input.year,
    departement,
    territory,
    startDate,
    parties,
  });
  const row = {
    id,
    title: input.title,
    departement,
    territory: input.territory,
    territoryKey: territory.key,
    epci: null,
    commune: null,
    pilotOrganisationId: pilot.organisationId,
    templateId: template.id,
    templateVersion: template.version,
    year: input.year,
    startDate,
    durationYears: expanded.meta.durationYears,
  };
  await db.transaction(async (tx) => {
    await tx.insert(conventions).values(row);
    const base = Date.now();
    await tx.insert(conventionParties).values(
      ordered.map((o, i) => ({ conventionId: id, organisationId: o.id, role: roles.get(o.id)!, status: statusOf(o), createdAt: new Date(base + i) })),
    );
    // The document opens computed: what the server mirrors into it (meta, parties with their signatories, flux inputs)
    // is read back in the same transaction, exactly as the relay will mirror it on every load.
    const server = (await loadServerData(tx, id))!;
    const update = documentToUpdate(expanded.body, {
      meta: server.meta,
      parameters: { ...expanded.parameters, ...input.parameters },
      options: { ...expanded.options, ...input.options },
      flux: server.flux,
      status: server.status,
      parties: server.parties,
    });
    await tx.insert(yjsUpdates).values({ conventionId: id, update });
    await recordAudit(tx, {
      conventionId: id,
      organisationId: pilot.organisationId,
      userId: pilot.userId ?? null,
      kind: "creation",
      details: { template: template.id, title: input.title, year: input.year, territory: territory.key },
    });
  });
  return id;
}
