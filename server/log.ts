/** Structured one-line logs: level, message and ids, so that a failed save can be traced to its convention and users. */
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", msg: string, fields: Fields = {}) {
  if (level === "info" && process.env.CONFLUX_QUIET === "true") return;
  const entry = { t: new Date().toISOString(), level, msg, ...fields };
  const line = JSON.stringify(entry, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  (level === "info" ? process.stdout : process.stderr).write(line + "\n");
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
