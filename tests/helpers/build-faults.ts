import { getEnv } from "@/lib/env";
import type { BuildFailureKind } from "@/lib/embedded/preview-host/build-failure";
import { createIntegrations, type Integrations } from "@/lib/integrations";

export type BuildFaults = {
  // Every build from now on fails, as a failure of this kind.
  fail(kind?: BuildFailureKind): void;
  // Builds work again.
  heal(): void;
};

// Makes the configured services (what routes get from getIntegrations())
// use a local preview host whose builds fail on demand, for the rest of this
// test file. Call it before anything asks for the services.
export function failableBuilds(): BuildFaults {
  let failure: BuildFailureKind | undefined;
  const services = createIntegrations(getEnv(), { previews: { faults: { buildFailure: () => failure } } });
  // The key getIntegrations() keeps its services under (tests/setup/isolation.ts clears it after each file).
  (globalThis as unknown as { __integrations?: Promise<Integrations> }).__integrations = services;
  return {
    fail: (kind = "code") => {
      failure = kind;
    },
    heal: () => {
      failure = undefined;
    },
  };
}
