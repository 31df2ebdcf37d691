import { execFile } from "node:child_process";

export interface RunResult {
  /** The exit status, or null when the program was killed (by `timeout` or a signal). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program and resolves with its status and outputs, without blocking this process: the in-process test server
 * keeps answering and vitest's worker keeps talking to the runner while LibreOffice or the CLI works. A synchronous
 * `execFileSync` of a minute blocks both: the server's clients time out and vitest reports its own call as timed out.
 */
export function run(file: string, args: readonly string[], options: { timeout?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: options.timeout ?? 0 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ status, stdout, stderr: stderr || (error && typeof error.code !== "number" ? String(error.message) : "") });
    });
  });
}

/** Like `run`, but rejects with the program's standard error when it does not exit with status 0. */
export async function runOk(file: string, args: readonly string[], options: { timeout?: number } = {}): Promise<string> {
  const result = await run(file, args, options);
  if (result.status !== 0) throw new Error(`${file} ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}
