import { randomUUID } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { documentToUpdate } from "../app/collab/document.server";
import { hashPassword } from "../app/lib/password.server";
import type { OrganisationKind, Role } from "../app/lib/roles";
import type { Db } from "./client";
import { conventionParties, conventions, organisations, users, yjsUpdates } from "./schema";

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
