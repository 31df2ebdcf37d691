import { describe, expect, it } from "vitest";
import { configurationProblems, parseEnv as parseEnvOf } from "./env";

// Remix types NODE_ENV as a required key of ProcessEnv; these tests give only what they are about.
const parseEnv = (values: Record<string, string>) => parseEnvOf(values as NodeJS.ProcessEnv);

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
