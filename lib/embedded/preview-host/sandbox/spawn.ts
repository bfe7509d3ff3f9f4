import "server-only";

import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { BuildFailure } from "../build-failure";
import { isInside } from "../toolchain";
import { sandboxMode } from "./mode";
import { BWRAP, sandboxUser, SANDBOX_UID } from "./probe";
import { trackGroup } from "./processes";

export type SandboxOptions = {
  cwd: string;
  // Read-only: the app's files and its installed packages. `{ source, at }`
  // mounts a folder at another path inside (the server's own packages as
  // an app's node_modules).
  readOnly: (string | { source: string; at: string })[];
  // The only places it may write (already owned by the sandbox's user, see
  // prepareWritable).
  writable: string[];
  // What the tool needs (NODE_ENV, …) and the app's own settings: nothing
  // of this server's environment is passed unless named here.
  env: Record<string, string>;
  // Folders above the mounts that the tool lists (Turbopack reads its
  // project root, the dependency set's folder); the others can only be
  // passed through (see foldersAbove).
  listable?: string[];
  appEnv?: Record<string, string>;
  label: string; // for the process records and logs
};

// Runs an app's own code (next build, next start, the fast path's
// prerender) as one process group, sandboxed when this machine can:
// bubblewrap with every namespace unshared (no network at all: a preview
// server answers on a Unix socket, see ../next-path/servers.ts), as an
// unprivileged user, seeing only /usr's libraries and the Node binary, the
// given folders, a private /tmp and /proc of its own; killed with this
// server (--die-with-parent). Without a sandbox it runs unconfined when the
// mode allows it (./mode.ts), with the same environment; a refused mode
// throws BuildFailure kind "refused".
export function spawnSandboxed(command: string, args: string[], options: SandboxOptions): ChildProcess {
  const mode = sandboxMode();
  if (mode.kind === "refused") throw new BuildFailure([mode.log], "refused");
  const env = { ...options.appEnv, ...options.env };
  if (mode.kind === "sandboxed") reachableBySandbox([...options.readOnly.map((e) => (typeof e === "string" ? e : e.source)), ...options.writable]);
  const child =
    mode.kind === "sandboxed"
      ? spawn(BWRAP, [...bwrapArgs(options, env), command, ...args], { cwd: "/", env: {} as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true, ...sandboxUser() })
      : spawn(command, args, { cwd: options.cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  trackGroup(child, options.label);
  return child;
}

function bwrapArgs(options: SandboxOptions, env: Record<string, string>): string[] {
  const mounts = [
    ...options.readOnly.map((entry) => (typeof entry === "string" ? { source: entry, at: entry, flag: "--ro-bind" } : { ...entry, flag: "--ro-bind" })),
    ...options.writable.map((dir) => ({ source: dir, at: dir, flag: "--bind" })),
  ];
  const above = foldersAbove(mounts.map((mount) => path.resolve(mount.at)));
  const args = ["--unshare-all", "--die-with-parent", "--unshare-user", "--uid", String(SANDBOX_UID), "--gid", String(SANDBOX_UID), "--hostname", "preview"];
  args.push("--tmpfs", "/tmp");
  const listable = new Set((options.listable ?? []).map((dir) => path.resolve(dir)));
  for (const dir of above.all) args.push("--perms", listable.has(dir) ? "0555" : "0111", above.tops.includes(dir) ? "--tmpfs" : "--dir", dir);
  // The C libraries Node and its native addons (SWC) load, and Node itself;
  // no shell and no other programs.
  for (const dir of ["/usr/lib", "/usr/lib64", "/usr/lib32"]) if (existsSync(dir)) args.push("--ro-bind", dir, dir);
  for (const link of ["lib", "lib64", "lib32"]) if (existsSync(`/usr/${link}`)) args.push("--symlink", `usr/${link}`, `/${link}`);
  const node = realpathSync(process.execPath);
  args.push("--ro-bind", node, node);
  if (process.execPath !== node) args.push("--ro-bind", node, process.execPath);
  args.push("--proc", "/proc", "--dev", "/dev");
  for (const mount of mounts) args.push(mount.flag, realpathSync(mount.source), mount.at);
  // The folders bubblewrap made to hold those mounts are not for writing.
  for (const top of above.tops) args.push("--remount-ro", top);
  args.push("--remount-ro", "/", "--chdir", options.cwd, "--clearenv");
  for (const [name, value] of Object.entries(env)) args.push("--setenv", name, value);
  return args;
}

// The folders above what is mounted (the data directory, the dependency
// set's apps/ …) exist inside only to hold the mounts: they can be passed
// through but not listed or written to, even under the private /tmp (the
// topmost of each is a read-only tmpfs of its own, which its owner can't
// chmod either). Parents first, for bubblewrap.
function foldersAbove(targets: string[]): { all: string[]; tops: string[] } {
  const covered = (dir: string) => targets.some((target) => target === dir || isInside(target, dir));
  const found = new Set<string>();
  for (const target of targets) {
    for (let at = path.dirname(target); at !== "/" && at !== "/tmp"; at = path.dirname(at)) if (!covered(at)) found.add(at);
  }
  const all = [...found].sort((a, b) => a.split("/").length - b.split("/").length);
  return { all, tops: all.filter((dir) => !found.has(path.dirname(dir))) };
}

// bubblewrap runs as the sandbox's user, which must be able to pass through
// the folders above what it mounts. The data directory may have been made
// private (0700); it gets the search bit only (no listing).
function reachableBySandbox(dirs: string[]): void {
  if (sandboxUser().uid === undefined) return;
  const data = path.resolve(getEnv().DATA_DIR);
  for (const dir of dirs) {
    for (let at = path.dirname(path.resolve(dir)); at === data || isInside(data, at); at = path.dirname(at)) {
      const mode = statSync(at).mode;
      if ((mode & 0o001) === 0) chmodSync(at, (mode & 0o7777) | 0o001);
    }
  }
}

// Folders a sandboxed process writes to belong to the sandbox's user (when
// this server is root; otherwise they are this user's already).
export async function prepareWritable(dir: string): Promise<void> {
  const { uid, gid } = sandboxUser();
  if (uid === undefined || gid === undefined) return;
  const { chown, readdir } = await import("node:fs/promises");
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    await chown(path.join(entry.parentPath, entry.name), uid, gid);
  }
}
