import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGliteWorkerClient } from "./pglite-worker-client";

let client: PGliteWorkerClient;

beforeAll(async () => {
  client = new PGliteWorkerClient("memory");
  await client.ready;
  await client.exec("CREATE TABLE t (id int PRIMARY KEY, note text, payload bytea, at timestamptz)");
});
afterAll(async () => {
  await client.close();
});

describe("PGlite in a worker thread", () => {
  it("answers queries in object and array modes, bytea as bytes, timestamps as text when asked", async () => {
    await client.query("INSERT INTO t VALUES ($1, $2, $3, $4)", [1, "un", new Uint8Array([0, 255, 7]), "2026-01-01T00:00:00Z"]);
    const objects = await client.query("SELECT id, note, payload FROM t WHERE id = $1", [1], { rowMode: "object" });
    expect(objects.rows).toEqual([{ id: 1, note: "un", payload: new Uint8Array([0, 255, 7]) }]);
    const arrays = await client.query("SELECT at FROM t WHERE id = 1", [], { rowMode: "array", parsers: { 1184: (v: string) => v } });
    expect(arrays.rows).toEqual([["2026-01-01 00:00:00+00"]]);
  });

  it("commits a transaction, and rolls back the one whose function throws", async () => {
    await client.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id, note) VALUES (2, 'deux')");
    });
    await expect(
      client.transaction(async (tx) => {
        await tx.query("INSERT INTO t (id, note) VALUES (3, 'trois')");
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    const ids = await client.query("SELECT id FROM t ORDER BY id", [], { rowMode: "array" });
    expect(ids.rows).toEqual([[1], [2]]);
  });

  it("serialises other queries behind an open transaction", async () => {
    const order: string[] = [];
    const tx = client.transaction(async (t) => {
      await t.query("INSERT INTO t (id, note) VALUES (4, 'quatre')");
      await new Promise((r) => setTimeout(r, 100));
      order.push("tx");
    });
    await new Promise((r) => setTimeout(r, 10));
    const outside = client.query("SELECT count(*)::int AS n FROM t").then((r) => {
      order.push("outside");
      return r.rows[0] as { n: number };
    });
    await tx;
    expect((await outside).n).toBe(3);
    expect(order).toEqual(["tx", "outside"]);
  });

  it("reports PostgreSQL errors with their code", async () => {
    const error = await client.query("INSERT INTO t (id) VALUES (1)").catch((e: unknown) => e as { code?: string; constraint?: string });
    expect(error).toMatchObject({ code: "23505", constraint: "t_pkey" });
  });

  it("fails at once once closed", async () => {
    const other = new PGliteWorkerClient("memory");
    await other.ready;
    await other.close();
    await expect(other.query("SELECT 1")).rejects.toThrow(/fermée/);
  });
});
