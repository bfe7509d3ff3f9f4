import "server-only";

import { type ChildProcess, spawn } from "node:child_process";
import { killGroup, trackGroup } from "./sandbox/processes";

export type ToolRun = { code: number | null; signal: NodeJS.Signals | null; output: string };

// A build tool (pnpm, next build) as a child process with only the given
// environment, killed after `timeoutMs`. Its stdout and stderr are kept
// together, only their last `keepChars` (what a failure is explained from).
// Rejects only when the process can't start.
export function runTool(
  command: string,
  args: string[],
  { cwd, env, timeoutMs, keepChars }: { cwd: string; env: Record<string, string>; timeoutMs: number; keepChars: number },
): Promise<ToolRun> {
  const child = spawn(command, args, { cwd, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  trackGroup(child, `${command} ${args[0] ?? ""}`.trim());
  return collectRun(child, { timeoutMs, keepChars });
}

// A started process (its own process group) until it ends: the whole group
// is killed after `timeoutMs`.
export function collectRun(child: ChildProcess, { timeoutMs, keepChars }: { timeoutMs: number; keepChars: number }): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-keepChars);
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    const timer = setTimeout(() => (child.pid === undefined ? child.kill("SIGKILL") : killGroup(child.pid)), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

// The output as lines, without colour codes.
export function plainLines(output: string): string[] {
  return output.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((line) => line.trimEnd());
}
