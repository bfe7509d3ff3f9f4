import "server-only";

import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import { createLocalGitHost } from "@/lib/github/local";
import { createGitHubHost } from "@/lib/github/real";
import type { GitHost } from "@/lib/github/types";
import { createLocalChatService } from "@/lib/v0/local";
import { createV0ChatService } from "@/lib/v0/real";
import type { ChatService } from "@/lib/v0/types";
import { createLocalPreviewHost } from "@/lib/vercel/local";
import { createVercelHost } from "@/lib/vercel/real";
import type { PreviewHost } from "@/lib/vercel/types";

// The only place that knows which implementation of each service is in use.
// Each is picked on its own, so mixed setups (real v0, local git, …) work.

type Integrations = { chat: ChatService; git: GitHost; previews: PreviewHost };

const globalForIntegrations = globalThis as unknown as { __integrations?: Integrations };

export function getIntegrations(): Integrations {
  globalForIntegrations.__integrations ??= createIntegrations();
  return globalForIntegrations.__integrations;
}

export function getChatService(): ChatService {
  return getIntegrations().chat;
}

export function getGitHost(): GitHost {
  return getIntegrations().git;
}

export function getPreviewHost(): PreviewHost {
  return getIntegrations().previews;
}

function createIntegrations(): Integrations {
  const env = getEnv();
  const author = { name: env.GIT_AUTHOR_NAME, email: env.GIT_AUTHOR_EMAIL };
  return {
    chat: env.V0_API_KEY
      ? createV0ChatService({ apiKey: env.V0_API_KEY, baseUrl: env.V0_API_URL })
      : createLocalChatService(),
    git: env.GITHUB_TOKEN
      ? createGitHubHost({
          token: env.GITHUB_TOKEN,
          org: env.GITHUB_ORG,
          baseUrl: env.GITHUB_API_URL,
          author,
          throttleId: createHash("sha256").update(env.GITHUB_TOKEN).digest("hex").slice(0, 16),
        })
      : createLocalGitHost({ owner: env.GITHUB_ORG, author }),
    previews: env.VERCEL_TOKEN
      ? createVercelHost({ token: env.VERCEL_TOKEN, teamId: env.VERCEL_TEAM_ID, baseUrl: env.VERCEL_API_URL })
      : createLocalPreviewHost(),
  };
}
