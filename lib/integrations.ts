import "server-only";

import { type Env, getEnv } from "@/lib/env";
import type { LocalPreviewHostOptions } from "@/lib/embedded/preview-host";
import type { GitHost } from "@/lib/github/types";
import type { ChatService } from "@/lib/v0/types";
import type { PreviewHost } from "@/lib/vercel/types";

// The services a cycle talks to. Routes get the configured ones from
// getIntegrations() and pass them down; tests pass their own.
export type Integrations = { chat: ChatService; git: GitHost; previews: PreviewHost };

// Kept on globalThis so dev hot reloads reuse the one set (the local preview
// server and git store must not start twice).
const globalForIntegrations = globalThis as unknown as { __integrations?: Promise<Integrations> };

export function getIntegrations(): Promise<Integrations> {
  globalForIntegrations.__integrations ??= createIntegrations(getEnv());
  return globalForIntegrations.__integrations;
}

// Options for the embedded stand-ins, used only when they are chosen (tests
// make local builds fail through them).
export type LocalOptions = { previews?: LocalPreviewHostOptions };

// Each service is picked on its own (lib/env.ts refuses combinations that
// cannot work). Implementations are imported only when chosen, so a server
// configured with real keys never loads the local stand-ins.
export async function createIntegrations(env: Env, local: LocalOptions = {}): Promise<Integrations> {
  const [chat, git, previews] = await Promise.all([chatService(env), gitHost(env), previewHost(env, local.previews)]);
  return { chat, git, previews };
}

async function chatService(env: Env): Promise<ChatService> {
  if (env.V0_API_KEY) {
    const { createV0ChatService } = await import("@/lib/v0/real");
    return createV0ChatService({ apiKey: env.V0_API_KEY, baseUrl: env.V0_API_URL });
  }
  const { createLocalChatService } = await import("@/lib/embedded/generator");
  return createLocalChatService();
}

async function gitHost(env: Env): Promise<GitHost> {
  const author = { name: env.GIT_AUTHOR_NAME, email: env.GIT_AUTHOR_EMAIL };
  if (env.GITHUB_TOKEN) {
    const { createGitHubHost } = await import("@/lib/github/real");
    return createGitHubHost({
      token: env.GITHUB_TOKEN,
      org: env.GITHUB_ORG,
      baseUrl: env.GITHUB_API_URL,
      author,
    });
  }
  const { createLocalGitHost } = await import("@/lib/embedded/git-host/index");
  return createLocalGitHost({ owner: env.GITHUB_ORG, author });
}

// Work a first preview would otherwise wait for, done at server start: the
// local preview host's shared React bundle (built once per React version).
export async function warmUpIntegrations(env: Env = getEnv()): Promise<void> {
  if (env.VERCEL_TOKEN) return;
  const { warmUpLocalPreviews } = await import("@/lib/embedded/preview-host");
  await warmUpLocalPreviews();
}

async function previewHost(env: Env, local: LocalPreviewHostOptions = {}): Promise<PreviewHost> {
  if (env.VERCEL_TOKEN) {
    const { createVercelHost } = await import("@/lib/vercel/real");
    return createVercelHost({ token: env.VERCEL_TOKEN, teamId: env.VERCEL_TEAM_ID, baseUrl: env.VERCEL_API_URL });
  }
  const { createLocalPreviewHost } = await import("@/lib/embedded/preview-host");
  return createLocalPreviewHost(local);
}
