import "server-only";

import { execFile } from "node:child_process";

export type GitOptions = { input?: string | Uint8Array; env?: Record<string, string>; allowFail?: boolean };
export type GitResult<Out> = { stdout: Out; stderr: string; code: number };

// Runs git on one repository with no user or system configuration and only
// the variables given here (an inherited GIT_DIR or GIT_INDEX_FILE would
// redirect it), so results never depend on the machine. No shell: arguments
// go to git as they are, content goes through stdin.
export function gitBytes(gitDir: string, args: string[], options: GitOptions = {}): Promise<GitResult<Buffer>> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      ["--git-dir", gitDir, ...args],
      {
        encoding: "buffer",
        maxBuffer: 256 * 1024 * 1024,
        env: {
          // Harmless to git; Next's ProcessEnv type requires it in any env object.
          NODE_ENV: process.env.NODE_ENV,
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          LC_ALL: "C",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_ATTR_NOSYSTEM: "1",
          GIT_TERMINAL_PROMPT: "0",
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const result = { stdout, stderr: stderr.toString("utf8").trim(), code };
        if (code !== 0 && !(options.allowFail && code > 0)) {
          reject(new Error(`git ${args[0]} failed (${error?.code ?? code}): ${result.stderr || stdout.toString("utf8").trim()}`, { cause: error }));
          return;
        }
        resolve(result);
      },
    );
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.input ?? "");
  });
}

export async function git(gitDir: string, args: string[], options: GitOptions = {}): Promise<GitResult<string>> {
  const result = await gitBytes(gitDir, args, options);
  return { ...result, stdout: result.stdout.toString("utf8") };
}
