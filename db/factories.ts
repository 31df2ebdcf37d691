import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { documentToUpdate } from "../app/collab/document.server";
import { hashPassword } from "../app/lib/password.server";
import type { OrganisationKind, Role } from "../app/lib/roles";
import type { Db } from "./client";
import type { LegalFormCode } from "../app/domain/legal/forms";
import { conventionParties, conventionSignatureBlocks, conventions, organisationLegalIdentities, organisations, users, yjsUpdates } from "./schema";

// Factories shared by the demo seed and the tests: every test builds its own organisations through them,
// so tests never see each other's rows even when they share one PostgreSQL database.

const hashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose; tests create many users with the same password, so hash each password once. */
function cachedHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
}

const uniq = () => randomUUID().slice(0, 8);

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Convention = typeof conventions.$inferSelect;

export async function createOrganisation(
  db: Db,
  overrides: Partial<typeof organisations.$inferInsert> & { kind?: OrganisationKind } = {},
): Promise<Organisation> {
  const [row] = await db
    .insert(organisations)
    .values({
      id: randomUUID(),
      name: `Organisation ${uniq()}`,
      kind: "bailleur",
      departement: "31",
      ...overrides,
    })
    .returning();
  return row;
}

export async function createUser(
  db: Db,
  input: { organisationId: string; password?: string } & Partial<Omit<typeof users.$inferInsert, "passwordHash">>,
): Promise<User> {
  const { password = "conflux-test", ...rest } = input;
  const [row] = await db
    .insert(users)
    .values({
      id: randomUUID(),
      email: `user-${uniq()}@test.conflux.fr`,
      name: `Utilisateur ${uniq()}`,
      ...rest,
      passwordHash: await cachedHash(password),
    })
    .returning();
  return row;
}

export interface PartyInput {
  organisationId: string;
  role: Role;
}

export async function createConvention(
  db: Db,
  input: Partial<typeof conventions.$inferInsert> & {
    pilotOrganisationId: string;
    parties: PartyInput[];
    document?: JSONContent;
  },
): Promise<Convention> {
  const { parties, document, ...values } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(conventions)
      .values({ id: randomUUID(), title: `Convention ${uniq()}`, departement: "31", year: 2026, ...values })
      .returning();
    // Parties in the order given, so that listings show them as the pilot arranged them.
    const base = Date.now();
    await tx.insert(conventionParties).values(
      parties.map((p, i) => ({
        conventionId: row.id,
        organisationId: p.organisationId,
        role: p.role,
        createdAt: new Date(base + i),
      })),
    );
    if (document) await tx.insert(yjsUpdates).values({ conventionId: row.id, update: documentToUpdate(document) });
    return row;
  });
}

/** An organisation with one member, for tests that need a signed-in user of a given kind. */
export async function createMember(
  db: Db,
  kind: OrganisationKind = "bailleur",
  overrides: { name?: string; password?: string } = {},
): Promise<{ organisation: Organisation; user: User }> {
  const organisation = await createOrganisation(db, { kind, name: overrides.name ?? `${kind} ${uniq()}` });
  const user = await createUser(db, { organisationId: organisation.id, password: overrides.password });
  return { organisation, user };
}

export type LegalIdentityRow = Omit<typeof organisationLegalIdentities.$inferInsert, "organisationId" | "legalForm" | "updatedAt"> & { legalForm: LegalFormCode };
export type SignatureBlockRow = Omit<typeof conventionSignatureBlocks.$inferInsert, "conventionId" | "organisationId" | "updatedAt">;

/** Sets an organisation's legal identity (replacing the previous one). */
export async function setLegalIdentity(db: Db, organisationId: string, identity: LegalIdentityRow): Promise<void> {
  await db
    .insert(organisationLegalIdentities)
    .values({ organisationId, ...identity })
    .onConflictDoUpdate({ target: organisationLegalIdentities.organisationId, set: { ...identity, updatedAt: new Date() } });
}

/** Sets a party's signature block on a convention (replacing the previous one). */
export async function setSignatureBlock(db: Db, conventionId: string, organisationId: string, block: SignatureBlockRow): Promise<void> {
  await db
    .insert(conventionSignatureBlocks)
    .values({ conventionId, organisationId, ...block })
    .onConflictDoUpdate({
      target: [conventionSignatureBlocks.conventionId, conventionSignatureBlocks.organisationId],
      set: { civility: null, name: null, title: null, delegation: false, actNumber: null, actDate: null, ...block, updatedAt: new Date() },
    });
}

// Fictitious but well-formed identities (SIRENs pass INSEE's check digit) for tests that need complete blocks.
const SAMPLE_IDENTITIES: Record<string, Omit<LegalIdentityRow, "legalName">> = {
  bailleur: { legalForm: "esh", siren: "399123454", address: "12 allée des Tilleuls, 31000 Toulouse" },
  action_logement: { legalForm: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" },
  commune: { legalForm: "commune", siren: "500123450", address: "Hôtel de ville, 31700 Blagnac" },
  epci: { legalForm: "metropole", siren: "600123459", address: "6 rue René Leduc, 31000 Toulouse" },
  departement: { legalForm: "departement", siren: "888123452", address: "Hôtel du Département, 31090 Toulouse" },
  region: { legalForm: "region", siren: "555123454", address: "22 boulevard du Maréchal Juin, 31400 Toulouse" },
  autre: { legalForm: "association", siren: "444123459", address: "3 rue des Lois, 31000 Toulouse" },
};

const SAMPLE_SIGNATORIES: Record<string, SignatureBlockRow> = {
  prefet: {
    civility: "Mme",
    name: "Nadia Ferrand",
    title: "directrice départementale de l'emploi, du travail et des solidarités",
    delegation: true,
    actNumber: "31-2025-09-01-00004",
    actDate: "2025-09-01",
  },
  commune: { civility: "M.", name: "Bernard Lacoste", title: "maire", actNumber: "2025-112", actDate: "2025-11-18" },
  epci: { civility: "M.", name: "Henri Castex", title: "président", actNumber: "DEL-25-0871", actDate: "2025-12-11" },
  departement: { civility: "M.", name: "Étienne Marty", title: "président du conseil départemental", actNumber: "2025-CP-0412", actDate: "2025-10-21" },
  region: { civility: "Mme", name: "Lucie Armand", title: "présidente du conseil régional", actNumber: "2025-AP-117", actDate: "2025-10-09" },
  bailleur: { civility: "M.", name: "Olivier Mercier", title: "directeur général" },
  action_logement: { civility: "Mme", name: "Sonia Benali", title: "directrice régionale Occitanie" },
  autre: { civility: "M.", name: "Paul Vidal", title: "président" },
};

/**
 * Fills every party's signature block on a convention with a complete, fictitious one (and a legal identity for the
 * organisations that have none), so that tests can reach « prête pour signature ». The demo seed writes its own.
 */
export async function completeSignatureBlocks(db: Db, conventionId: string): Promise<void> {
  const parties = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(conventionParties)
    .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
    .where(eq(conventionParties.conventionId, conventionId));
  for (const party of parties) {
    const identity = SAMPLE_IDENTITIES[party.kind];
    if (identity) {
      const [existing] = await db.select({ id: organisationLegalIdentities.organisationId }).from(organisationLegalIdentities).where(eq(organisationLegalIdentities.organisationId, party.id));
      if (!existing) await setLegalIdentity(db, party.id, { legalName: party.name, ...identity });
    }
    await setSignatureBlock(db, conventionId, party.id, SAMPLE_SIGNATORIES[party.kind] ?? SAMPLE_SIGNATORIES.autre);
  }
}
