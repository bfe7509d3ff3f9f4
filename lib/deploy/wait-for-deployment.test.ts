// waitForDeployment on a virtual clock: its sleep/now hooks advance time, and
// a scripted host answers each call from a list, so the grace period, the
// timeout and the wait for production domains are checked to the millisecond.
import { describe, expect, it } from "vitest";
import { isIntegrationError } from "@/lib/errors";
import type { Deployment, PreviewHost } from "@/lib/vercel/types";
import { vercelPollDelay, waitForDeployment, type WaitOptions } from "./wait-for-deployment";

const dep = (fields: Partial<Deployment> = {}): Deployment => ({
  id: "dpl_1",
  state: "BUILDING",
  url: "https://app-abc-acme.vercel.app",
  sha: "abc",
  branch: "main",
  target: "production",
  aliasAssigned: false,
  ...fields,
});

// Each method answers from its script in order, repeating the last answer.
function scriptedHost(script: { found?: (Deployment | null)[]; polled?: Deployment[]; created?: Deployment; pollDelayMs?: (elapsed: number) => number }) {
  const calls: string[] = [];
  const created: Parameters<PreviewHost["createDeployment"]>[0][] = [];
  const next = <T,>(list: T[]) => (list.length > 1 ? list.shift()! : list[0]!);
  const host: PreviewHost = {
    createProject: () => Promise.reject(new Error("not used")),
    getProject: () => Promise.reject(new Error("not used")),
    linkProject: () => Promise.reject(new Error("not used")),
    setProductionBranch: () => Promise.reject(new Error("not used")),
    disablePreviewProtection: () => Promise.reject(new Error("not used")),
    getProductionUrl: () => Promise.reject(new Error("not used")),
    setEnvironment: () => Promise.reject(new Error("not used")),
    async findDeploymentForCommit() {
      calls.push("find");
      return next(script.found ?? [null]);
    },
    async getDeployment() {
      calls.push("get");
      return next(script.polled ?? [dep()]);
    },
    async createDeployment(input) {
      calls.push("create");
      created.push(input);
      return script.created ?? dep({ state: "QUEUED" });
    },
    ...(script.pollDelayMs ? { pollDelayMs: script.pollDelayMs } : {}),
  };
  return { host, calls, created };
}

function virtualClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    elapsed: () => t - 1_000_000,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function options(host: PreviewHost, clock: ReturnType<typeof virtualClock>, extra: Partial<WaitOptions> = {}): WaitOptions {
  const seen: Deployment[] = [];
  return {
    host,
    project: { projectId: "prj_1", projectName: "app" },
    repo: { owner: "acme", name: "app" },
    branch: "main",
    sha: "abc",
    target: "production",
    timeoutMs: 12 * 60_000,
    graceMs: 60_000,
    onProgress: async (d) => {
      seen.push(d);
    },
    sleep: clock.sleep,
    now: clock.now,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIntegrationError(error)) throw new Error(`expected an IntegrationError, got ${String(error)}`);
  return error;
}

describe("production counts as done only once its domains moved", () => {
  it("keeps polling a READY build while aliasAssigned is false or unknown, and returns once it is true", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({
      found: [dep({ state: "QUEUED" })],
      polled: [dep({ state: "READY", aliasAssigned: false }), dep({ state: "READY", aliasAssigned: undefined }), dep({ state: "READY", aliasAssigned: true })],
    });
    const done = await waitForDeployment(options(host, clock));
    expect(done).toMatchObject({ state: "READY", aliasAssigned: true });
    expect(calls).toEqual(["find", "get", "get", "get"]);
  });

  it("a preview is done when READY, whatever its aliases", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [dep({ state: "READY", target: "preview", branch: "staging", aliasAssigned: false })] });
    expect(await waitForDeployment(options(host, clock, { branch: "staging", target: "preview" }))).toMatchObject({ state: "READY" });
    expect(calls).toEqual(["find"]);
  });

  it("fails when the domains could not be moved", async () => {
    const clock = virtualClock();
    const { host } = scriptedHost({ found: [dep({ state: "READY", aliasAssigned: false, aliasError: "Alias could not be assigned" })] });
    const error = await rejection(waitForDeployment(options(host, clock)));
    expect(error).toMatchObject({ service: "vercel", kind: "unavailable" });
    expect(error.message).toMatch(/ready but its domains were not moved: Alias could not be assigned/);
  });

  it("times out when the domains never move", async () => {
    const clock = virtualClock();
    const { host } = scriptedHost({ found: [dep({ state: "READY" })], polled: [dep({ state: "READY", aliasAssigned: false })] });
    const error = await rejection(waitForDeployment(options(host, clock, { timeoutMs: 90_000 })));
    expect(error.message).toBe("deployment for abc on main not finished after 90 s (state READY)");
  });

  it("returns failed deployments at once: they are final", async () => {
    const clock = virtualClock();
    const { host } = scriptedHost({ found: [dep({ state: "BUILDING" })], polled: [dep({ state: "BLOCKED", failureKind: "blocked" })] });
    expect(await waitForDeployment(options(host, clock))).toMatchObject({ state: "BLOCKED", failureKind: "blocked" });
  });
});

describe("the timeout", () => {
  it("gives up after timeoutMs of a build that never ends, having polled on Vercel's schedule", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [dep()], polled: [dep({ state: "BUILDING" })] });
    const error = await rejection(waitForDeployment(options(host, clock, { timeoutMs: 2 * 60_000 })));
    expect(error).toMatchObject({ service: "vercel", kind: "unavailable" });
    expect(error.message).toBe("deployment for abc on main not finished after 120 s (state BUILDING)");
    // Every 1 s for 15 s, every 5 s to a minute, then every 15 s; the last check is at the deadline.
    expect(clock.sleeps).toEqual([...Array(15).fill(1_000), ...Array(9).fill(5_000), ...Array(4).fill(15_000)]);
    expect(clock.elapsed()).toBe(120_000);
    expect(calls.filter((c) => c === "get")).toHaveLength(clock.sleeps.length);
  });

  it("names no state when no deployment ever existed", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [null] });
    const error = await rejection(waitForDeployment(options(host, clock, { timeoutMs: 10_000, graceMs: 60_000 })));
    expect(error.message).toBe("deployment for abc on main not finished after 10 s (state none)");
    expect(calls).not.toContain("create");
  });

  it("polls at the host's own pace when it has one", async () => {
    const clock = virtualClock();
    const { host } = scriptedHost({ found: [dep()], polled: [dep({ state: "BUILDING" })], pollDelayMs: () => 250 });
    await rejection(waitForDeployment(options(host, clock, { timeoutMs: 1_000 })));
    expect(clock.sleeps).toEqual([250, 250, 250, 250]);
  });

  it("follows Vercel's client schedule", () => {
    expect([0, 14_999, 15_000, 59_999, 60_000, 299_999, 300_000, 3_600_000].map(vercelPollDelay)).toEqual([
      1_000, 1_000, 5_000, 5_000, 15_000, 15_000, 30_000, 30_000,
    ]);
  });
});

describe("the grace period", () => {
  it("looks for the Git integration's deployment until graceMs, then creates it through the API", async () => {
    const clock = virtualClock();
    const { host, calls, created } = scriptedHost({ found: [null], polled: [dep({ state: "READY", aliasAssigned: true })] });
    const done = await waitForDeployment(options(host, clock, { graceMs: 20_000 }));
    expect(done).toMatchObject({ state: "READY" });
    // Lists at 0..15 s every second, then at 20 s: nothing, so it creates.
    const finds = calls.filter((c) => c === "find").length;
    expect(finds).toBe(16 + 1);
    expect(calls.slice(finds)).toEqual(["create", "get"]);
    expect(created).toEqual([
      { projectId: "prj_1", projectName: "app", repo: { owner: "acme", name: "app" }, branch: "main", sha: "abc", target: "production" },
    ]);
  });

  it("never creates one when the integration's deployment shows up within the grace period", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [null, null, null, dep({ state: "QUEUED" })], polled: [dep({ state: "READY", aliasAssigned: true })] });
    await waitForDeployment(options(host, clock));
    expect(calls).toEqual(["find", "find", "find", "find", "get"]);
  });

  it("creates at once with no grace period (nothing was pushed)", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [null], polled: [dep({ state: "READY", aliasAssigned: true })] });
    await waitForDeployment(options(host, clock, { graceMs: 0 }));
    expect(calls.slice(0, 2)).toEqual(["find", "create"]);
    expect(clock.sleeps[0]).toBe(1_000);
  });

  it("builds afresh when asked to, instead of taking the commit's earlier failed build", async () => {
    const clock = virtualClock();
    const { host, calls } = scriptedHost({ found: [dep({ state: "ERROR", failureKind: "code" })], polled: [dep({ state: "READY", aliasAssigned: true })] });
    expect(await waitForDeployment(options(host, clock, { graceMs: 0, rebuildFailed: true }))).toMatchObject({ state: "READY" });
    expect(calls.slice(0, 2)).toEqual(["find", "create"]);
  });
});
