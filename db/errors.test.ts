// isUniqueViolation against the errors the real drivers raise (PGlite in its worker, or postgres.js with
// DATABASE_URL), through drizzle, which wraps them.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../tests/support/db";
import type { DbHandle } from "./client";
import { isUniqueViolation } from "./errors";

let database: DbHandle;
const table = `test_errors_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const unique = `${table}_key_unique`;

beforeAll(async () => {
  database = await openTestDb();
  await database.db.execute(sql.raw(`CREATE TABLE ${table} (key int CONSTRAINT ${unique} UNIQUE, amount int CONSTRAINT ${table}_amount_positive CHECK (amount > 0))`));
  await database.db.execute(sql.raw(`INSERT INTO ${table} VALUES (1, 1)`));
});
afterAll(async () => {
  await database?.db.execute(sql.raw(`DROP TABLE IF EXISTS ${table}`));
  await database?.close();
});

const failureOf = (statement: string) => database.db.execute(sql.raw(statement)).then(() => null, (error: unknown) => error);

describe("isUniqueViolation", () => {
  it("recognises a unique violation of the named constraint only", async () => {
    const duplicate = await failureOf(`INSERT INTO ${table} VALUES (1, 2)`);
    expect(duplicate).not.toBeNull();
    expect(isUniqueViolation(duplicate, unique)).toBe(true);
    expect(isUniqueViolation(duplicate, "convention_versions_number_unique")).toBe(false);
  });

  it("does not take another failure for one", async () => {
    const negative = await failureOf(`INSERT INTO ${table} VALUES (2, -1)`);
    expect(negative).not.toBeNull();
    expect(isUniqueViolation(negative, unique)).toBe(false);
    expect(isUniqueViolation(new Error("duplicate key"), unique)).toBe(false);
    expect(isUniqueViolation(null, unique)).toBe(false);
  });
});
