import "server-only";

import { getEnv } from "@/lib/env";
import { probeBubblewrap, type SandboxProbe } from "./probe";

// How this server runs an app's own code:
//   sandboxed    always when the sandbox works
//   unconfined   without it, in development (one person building their own
//                apps), or in production with LOCAL_PREVIEW_UNSANDBOXED=1
//   refused      without it in production: nothing is built
export type SandboxMode =
  | { kind: "sandboxed"; log: string }
  | { kind: "unconfined"; log: string }
  | { kind: "refused"; log: string };

const globalForSandbox = globalThis as unknown as { __localPreviewSandbox?: { probe: () => SandboxProbe; result?: SandboxProbe } };

// Tests (and the host's options) choose the probe; the default asks bubblewrap.
export function setSandboxProbe(probe: () => SandboxProbe): void {
  globalForSandbox.__localPreviewSandbox = { probe };
}

// Probed once per process, and said once in the log.
function probeResult(): SandboxProbe {
  globalForSandbox.__localPreviewSandbox ??= { probe: probeBubblewrap };
  const state = globalForSandbox.__localPreviewSandbox;
  if (!state.result) {
    state.result = state.probe();
    const mode = modeFor(state.result);
    (mode.kind === "sandboxed" ? console.info : console.warn)(`[local previews] ${mode.log}`);
  }
  return state.result;
}

export function sandboxMode(): SandboxMode {
  return modeFor(probeResult());
}

function modeFor(probe: SandboxProbe): SandboxMode {
  if (probe.available) return { kind: "sandboxed", log: `Sandbox: on (${probe.detail}); generated code runs as an unprivileged user with only its own app, and no network while building` };
  const env = getEnv();
  const unconfined = `WARNING: no sandbox: ${probe.detail} Generated code (next build, next start, prerender) runs unconfined, as this server's user, and can read its files and reach its local services.`;
  if (env.NODE_ENV !== "production") return { kind: "unconfined", log: `${unconfined} Allowed in development only.` };
  if (env.LOCAL_PREVIEW_UNSANDBOXED) return { kind: "unconfined", log: `${unconfined} Allowed because LOCAL_PREVIEW_UNSANDBOXED=1 (unsafe on a server shared by several builders).` };
  return {
    kind: "refused",
    log: `Previews are not built: this production server has no sandbox for generated code. ${probe.detail} (LOCAL_PREVIEW_UNSANDBOXED=1 builds without one; unsafe on a server shared by several builders.)`,
  };
}
