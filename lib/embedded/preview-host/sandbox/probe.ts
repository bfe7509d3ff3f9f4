import "server-only";

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const BWRAP = "/usr/bin/bwrap";

// Whether this machine can run generated code in a sandbox: bubblewrap is
// installed and may create the namespaces it needs. `detail` says, for
// admins, what is missing and how to enable it.
export type SandboxProbe = { available: true; detail: string } | { available: false; detail: string };

// Runs the smallest sandbox there is. Unprivileged when this server runs as
// root, since sandboxes are started that way (./spawn.ts).
export function probeBubblewrap(): SandboxProbe {
  if (!existsSync(BWRAP)) {
    return {
      available: false,
      detail: `bubblewrap is not installed (${BWRAP} is missing). Install the system package bubblewrap, e.g. \`apt-get install -y bubblewrap\`.`,
    };
  }
  const run = spawnSync(BWRAP, ["--unshare-all", "--ro-bind", "/", "/", "true"], { encoding: "utf8", timeout: 10_000, ...sandboxUser() });
  if (run.status === 0) return { available: true, detail: "bubblewrap can create user, mount, PID and network namespaces" };
  const reason = (run.stderr || run.error?.message || `exit ${run.status ?? run.signal}`).trim().split("\n")[0];
  return {
    available: false,
    detail:
      `bubblewrap cannot create namespaces here (${reason}). In a container, allow user namespaces ` +
      "(Docker's default seccomp profile blocks CLONE_NEWUSER: run with a profile that allows it, or --security-opt seccomp=unconfined); " +
      "on a host, enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0).",
  };
}

// Generated code never runs as this server's user: as root, sandboxes start
// as `nobody` (65534), so even the sandbox's own process has no privilege
// outside it. Another user is unprivileged already.
export const SANDBOX_UID = 65534;

export function sandboxUser(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: SANDBOX_UID, gid: SANDBOX_UID } : {};
}
