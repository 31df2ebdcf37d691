// The bulk writer of imports (db/bulk-insert.ts) on the suite's database: every value comes back as written, however
// its text is spelled, and a statement that fails inside a transaction leaves nothing of the rows before it.
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkInsert, type CompleteRow } from "../../db/bulk-insert";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { inventoryDwellings, inventoryImports } from "../../db/schema";
import { openTestDb } from "../support/db";

let database: DbHandle;
beforeAll(async () => {
  database = await openTestDb();
});
afterAll(async () => {
  await database?.close();
});

async function anImport(): Promise<string> {
  const { organisation, user } = await createMember(database.db, "bailleur");
  const id = randomUUID();
  await database.db.insert(inventoryImports).values({
    id,
    organisationId: organisation.id,
    year: 2026,
    fileName: "test.csv",
    importedBy: user.id,
    rowCount: 0,
    aggregates: {},
    status: "en_attente",
  });
  return id;
}

type Dwelling = CompleteRow<typeof inventoryDwellings>;

function dwelling(importId: string, line: number, overrides: Partial<Dwelling> = {}): Dwelling {
  return {
    importId,
    line,
    rpls: `RPLS-${line}`,
    reservataire: null,
    departement: "31",
    epci: "243100518",
    commune: "31555",
    qpv: line % 2 === 0,
    typologie: "T3",
    financement: "PLUS",
    habitat: "collectif",
    rotationBailleur: "0.0975",
    rotationExReservataire: null,
    conventionStart: null,
    conventionEnd: null,
    exclusion: null,
    ...overrides,
  };
}

const stored = (importId: string) =>
  database.db.select().from(inventoryDwellings).where(eq(inventoryDwellings.importId, importId)).orderBy(asc(inventoryDwellings.line));

describe("bulkInsert", () => {
  it("stores every value as written: quotes, backslashes, commas, braces, the word NULL, empty text, accents, nulls and booleans", async () => {
    const importId = await anImport();
    const awkward = ['a "quoted" word', "back\\slash\\", "comma, and {braces}", "NULL", "", "  spaced  ", "Saint-Étienne — « cité »", "line\nbreak"];
    const rows = awkward.map((text, i) => dwelling(importId, i + 1, { reservataire: text, exclusion: i % 3 === 0 ? null : text, qpv: i % 2 === 1 }));
    // Chunks of three: the rows cross several statements.
    await bulkInsert(database.db, inventoryDwellings, rows, 3);
    expect(await stored(importId)).toEqual(rows);
  });

  it("writes nothing when a later chunk fails inside the transaction", async () => {
    const importId = await anImport();
    // The fifth row repeats the first one's RPLS number: the primary key refuses the third statement.
    const rows = [1, 2, 3, 4].map((line) => dwelling(importId, line)).concat(dwelling(importId, 5, { rpls: "RPLS-1" }));
    await expect(database.db.transaction((tx) => bulkInsert(tx, inventoryDwellings, rows, 2))).rejects.toThrow();
    expect(await stored(importId)).toEqual([]);
  });
});
