import "server-only";

import { execFile } from "node:child_process";

export type GitResult = { stdout: string; code: number };

// Runs git with no user or system configuration, so results never depend on
// the machine it runs on. Content goes through stdin, never a shell.
export function git(gitDir: string, args: string[], options: { input?: string; env?: Record<string, string>; allowFail?: boolean } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      ["--git-dir", gitDir, ...args],
      {
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_TERMINAL_PROMPT: "0",
          ...options.env,
        } as unknown as NodeJS.ProcessEnv,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        if (code !== 0 && !options.allowFail) {
          reject(new Error(`git ${args[0]} failed (${code}): ${stderr.trim() || stdout.trim()}`));
          return;
        }
        resolve({ stdout, code });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

// Operations on one repository run one at a time within this process, so
// two local writers never race on the same ref.
const queues = new Map<string, Promise<unknown>>();

export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(task);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => {});
  return next;
}
