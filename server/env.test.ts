import { describe, expect, it } from "vitest";
import { configurationProblems, parseEnv } from "./env";

describe("configuration", () => {
  it("refuses Redis with the embedded database, in French, and accepts it with PostgreSQL", () => {
    const embedded = parseEnv({ CONFLUX_REDIS_URL: "redis://127.0.0.1:6379" });
    expect(configurationProblems(embedded)).toEqual([expect.stringContaining("(PGlite) ne sert qu'une instance")]);
    const shared = parseEnv({ CONFLUX_REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/conflux" });
    expect(configurationProblems(shared)).toEqual([]);
    expect(configurationProblems(parseEnv({ CONFLUX_REDIS_URL: "" }))).toEqual([]);
    expect(() => parseEnv({ CONFLUX_REDIS_URL: "http://redis" })).toThrow(/CONFLUX_REDIS_URL: une URL redis/);
  });
});
