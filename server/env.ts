import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  // An empty value (DATABASE_URL= npm start) means "not set", as shells and CI files often write it.
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  CONFLUX_DATA_DIR: z.string().default(".data"),
  /** Extra origins allowed to post forms and open sockets (comma-separated), besides the request's own host. */
  CONFLUX_ALLOWED_ORIGINS: z.string().default(""),
  /** Set when the portal is served behind https, so that cookies carry Secure. */
  CONFLUX_SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  /**
   * How long a document gathers edits before they are saved (milliseconds). Saving sooner costs more statements;
   * later means a crash loses more of what only the clients hold (they resend it, docs/decisions/0003).
   */
  CONFLUX_SAVE_DELAY_MS: z.coerce.number().int().min(1).max(60_000).default(50),
  /** A document's update log is compacted into one row once it holds this many rows. */
  CONFLUX_COMPACT_AFTER_ROWS: z.coerce.number().int().min(2).max(100_000).default(200),
  /** An event-loop delay at least this long is logged as a stall (server/event-loop.ts). */
  CONFLUX_STALL_LOG_MS: z.coerce.number().int().min(1).max(60_000).default(100),
  /**
   * Redis shared by several instances of the portal (docs/decisions/0013-scale-out-on-redis.md); unset = one process.
   * It requires DATABASE_URL: an embedded database serves a single instance.
   */
  CONFLUX_REDIS_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^rediss?:\/\//, "une URL redis:// ou rediss:// est attendue").optional()),
  /** Seed the demo organisations and accounts on an empty embedded database. */
  CONFLUX_DEMO_SEED: z.enum(["true", "false"]).default("true"),
});

export type Env = z.infer<typeof EnvSchema>;

/** Refusals of a configuration that parses but cannot work. */
export function configurationProblems(env: Env): string[] {
  if (env.CONFLUX_REDIS_URL && !env.DATABASE_URL)
    return [
      "CONFLUX_REDIS_URL est défini sans DATABASE_URL : plusieurs instances partagent Redis et une même base PostgreSQL. La base embarquée (PGlite) ne sert qu'une instance : définissez DATABASE_URL, ou retirez CONFLUX_REDIS_URL.",
    ];
  return [];
}

/** Parses process.env once at start-up; a bad value stops the process with a message naming the variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function pgliteDataDir(env: Env): string {
  return path.resolve(process.cwd(), env.CONFLUX_DATA_DIR, "pglite");
}
