import "server-only";

import type { App } from "@/lib/db/schema";
import { setAppRepoById } from "@/lib/db/queries";
import type { GitHost, RepoRef } from "@/lib/github/types";

const inFlight = new Map<string, Promise<RepoRef>>();

// The app's own repository, created on first need. `app` must be freshly
// read (after the cycle lock, or by the chat turn that starts generation).
// Calls for the same app in this process share one creation, so a repo is
// never made twice.
export function ensureAppRepo(app: App, git: GitHost): Promise<RepoRef> {
  if (app.repoOwner && app.repoName) return Promise.resolve({ owner: app.repoOwner, name: app.repoName });
  let pending = inFlight.get(app.id);
  if (!pending) {
    pending = createRepo(app, git).finally(() => inFlight.delete(app.id));
    inFlight.set(app.id, pending);
  }
  return pending;
}

async function createRepo(app: App, git: GitHost): Promise<RepoRef> {
  const repo = await git.createAppRepo({ name: repoNameFor(app), description: app.name });
  await setAppRepoById({ id: app.id, repo });
  return repo;
}

function repoNameFor(app: Pick<App, "id" | "name">): string {
  const slug = app.name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `${slug || "app"}-${app.id.slice(0, 6)}`;
}
