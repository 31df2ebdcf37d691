import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** A free TCP port on loopback (the OS picks it; we release it for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  process: ChildProcess;
  port: number;
  output: () => string;
}

/**
 * Starts `server/index.ts` in its own process, as `npm start` would after the build, and waits until it listens.
 * CHILD_CPU_PROF_DIR=<folder> makes each child write a V8 CPU profile there when it exits (to see where a bench spends).
 */
export async function startChildServer(
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
  script = "server/index.ts",
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...(process.env.CHILD_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CHILD_CPU_PROF_DIR}`] : []), "--import", "tsx", script], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), CONFLUX_QUIET: process.env.DEBUG_CHILD ? "false" : "true", CONFLUX_STALL_LOG_MS: "2000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), timeoutMs);
    const check = () => {
      if (out.includes("CONFLUX_READY")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { process: child, port, output: () => out };
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}
