// Faults at each boundary of a preview cycle: the attempt ends failed with a
// plain message, the lock is released, and the last working preview stays.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { expireStaleDeploymentsByAppId, getAppById, getInFlightDeploymentByAppId, getPreviewDeploymentsByAppId } from "@/lib/db/queries";
import { deployments } from "@/lib/db/schema";
import type { App } from "@/lib/db/schema";
import { IntegrationError } from "@/lib/errors";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import type { Deployment, DeploymentFailureKind } from "@/lib/vercel/types";
import { chatTurn, fetchPreview, syncApp } from "@/tests/helpers/apps";
import { failableBuilds } from "@/tests/helpers/build-faults";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { signUp, type TestUser } from "@/tests/helpers/session";
import { deployMessages } from "./messages";
import { getPreviewStatus } from "./preview-status";

process.env.DEPLOY_TIMEOUT_MS = "5000";
// Under the timeout (lib/env.ts refuses otherwise); the local host never needs it.
process.env.DEPLOY_GRACE_MS = "4000";

const builds = failableBuilds();
let real: Integrations;
let owner: TestUser;

beforeAll(async () => {
  owner = await signUp();
  real = await getIntegrations();
});

// The configured services with one boundary replaced, passed to the cycle.
function inject(fault: { chat?: Partial<Integrations["chat"]>; git?: Partial<Integrations["git"]>; previews?: Partial<Integrations["previews"]> }): Integrations {
  return {
    chat: { ...real.chat, ...fault.chat },
    git: { ...real.git, ...fault.git },
    previews: { ...real.previews, ...fault.previews },
  };
}

// The provider's verdict, with the same (unhelpful) text whatever the kind,
// so only failureKind can tell the messages apart.
function failedAs(failureKind: DeploymentFailureKind) {
  return async (id: string): Promise<Deployment> => ({ ...(await real.previews.getDeployment(id)), state: "ERROR", errorMessage: "Command failed", failureKind });
}

async function appWithWorkingPreview(): Promise<{ app: App; previewUrl: string }> {
  let app = await chatTurn(owner, "a todo app");
  const first = await syncApp(app.id);
  expect(first.status).toBe("ready");
  app = await chatTurn(owner, "change the title to After The Fault", app.id);
  return { app, previewUrl: first.previewUrl! };
}

const faults: [string, Parameters<typeof inject>[0]][] = [
  ["the generator errors", { chat: { getChat: async () => Promise.reject(new IntegrationError("v0", "unavailable", "HTTP 503: upstream down")) } }],
  ["the reply has no files", { chat: { getChat: async (id) => ({ ...(await real.chat.getChat(id))!, latestVersion: { id: "v", status: "completed", files: [] } }) } }],
  ["GitHub answers 5xx", { git: { commitFiles: async () => Promise.reject(new IntegrationError("github", "unavailable", "502 on POST /git/trees", { status: 502 })) } }],
  ["the branch moved (not a fast forward)", { git: { commitFiles: async () => Promise.reject(new IntegrationError("github", "not_fast_forward", "Update is not a fast forward", { status: 422 })) } }],
  ["the build ends in ERROR", { previews: { getDeployment: async (id) => ({ ...(await real.previews.getDeployment(id)), state: "ERROR", errorMessage: "Command failed" }) } }],
  ["the deployment never gets ready", { previews: { getDeployment: async (id) => ({ ...(await real.previews.getDeployment(id)), state: "BUILDING" }) } }],
  ["Vercel keeps answering 429", { previews: { findDeploymentForCommit: async () => Promise.reject(new IntegrationError("vercel", "rate_limited", "429 too many requests", { status: 429 })) } }],
];

describe("faults at each boundary", () => {
  it.each(faults)("%s → failed row, plain message, lock released, previous preview kept", async (_label, fault) => {
    const { app, previewUrl } = await appWithWorkingPreview();
    const result = await syncApp(app.id, inject(fault));

    expect(result.status).toBe("failed");
    expect(result.previewUrl).toBe(previewUrl);
    expect(JSON.stringify(result)).not.toMatch(TECHNICAL_WORDS);
    const row = (await getPreviewDeploymentsByAppId({ appId: app.id, versions: 1 })).latest;
    expect(row).toMatchObject({ status: "failed", environment: "staging" });
    expect(row!.error).toEqual(expect.any(String));
    expect(await getInFlightDeploymentByAppId({ appId: app.id })).toBeNull();

    const status = await getPreviewStatus({ app: (await getAppById({ id: app.id }))!, isAdmin: false });
    expect(status).toMatchObject({ state: "failed", previewUrl, canPublish: true });
    expect((await fetchPreview(previewUrl)).status).toBe(200);
  });

  const reasons: [string, Parameters<typeof inject>[0], string][] = [
    ["the reply has no files", { chat: { getChat: async (id) => ({ ...(await real.chat.getChat(id))!, latestVersion: { id: "v", status: "completed", files: [] } }) } }, deployMessages.noCode],
    [
      "the reply has a file that escapes the app",
      { chat: { getChat: async (id) => ({ ...(await real.chat.getChat(id))!, latestVersion: { id: "v", status: "completed", files: [{ name: "../escape.ts", content: "x" }] } }) } },
      deployMessages.unsafeFiles,
    ],
    ["the build fails in the code", { previews: { getDeployment: failedAs("code") } }, deployMessages.failedWithPrevious],
    ["a package cannot be installed", { previews: { getDeployment: failedAs("install") } }, deployMessages.installFailedWithPrevious],
    ["the hosting account refuses the build", { previews: { getDeployment: failedAs("blocked") } }, deployMessages.blocked],
    ["the host is overloaded", { previews: { getDeployment: failedAs("unavailable") } }, deployMessages.unavailable],
  ];

  it.each(reasons)("words the failure by why it happened: %s", async (_label, fault, message) => {
    const { app } = await appWithWorkingPreview();
    expect(await syncApp(app.id, inject(fault))).toMatchObject({ status: "failed", message });
  });

  it("builds the same code again when it is retried after a failed build", async () => {
    const { app } = await appWithWorkingPreview();
    builds.fail();
    try {
      expect((await syncApp(app.id)).status).toBe("failed");
    } finally {
      builds.heal();
    }
    // Nothing changed in the chat: the retry commits nothing, so it must build the commit itself.
    const retry = await syncApp(app.id);
    expect(retry).toMatchObject({ status: "ready" });
    expect((await fetchPreview(retry.previewUrl!)).body).toContain("After The Fault");
  });

  it("reports failure, not success, when the attempt was closed as interrupted while it built", async () => {
    const { app, previewUrl } = await appWithWorkingPreview();
    const services = inject({
      previews: {
        getDeployment: async (id) => {
          const deployment = await real.previews.getDeployment(id);
          if (deployment.state === "READY") {
            // Another reader found the lease run out just before the build finished.
            await getDb().update(deployments).set({ leaseExpiresAt: new Date(Date.now() - 1) }).where(eq(deployments.appId, app.id));
            await expireStaleDeploymentsByAppId({ appId: app.id });
          }
          return deployment;
        },
      },
    });
    const result = await syncApp(app.id, services);
    expect(result.status).toBe("failed");
    expect((await getPreviewStatus({ app, isAdmin: false })).previewUrl).toBe(previewUrl);
  });
});
