// The real GitHub and Vercel clients pointed at their strict fakes, wired
// as in production: every push to the GitHub fake reaches the Vercel fake,
// as it reaches the Vercel GitHub app. The chat stays the embedded one
// unless `chat` wraps it.
import { createGitHubHost } from "@/lib/github/real";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import type { ChatService } from "@/lib/v0/types";
import { createVercelHost } from "@/lib/vercel/real";
import { startFakeGitHub } from "@/tests/fakes/github-server";
import { startFakeVercel } from "@/tests/fakes/vercel-server";

export type RealClientsOnFakes = {
  gh: Awaited<ReturnType<typeof startFakeGitHub>>;
  vc: Awaited<ReturnType<typeof startFakeVercel>>;
  services: Integrations;
  close(): Promise<void>;
};

// `author`: the commit author (a member of the Vercel team); `tokenUser`:
// the GitHub token's own user, when it is someone else.
export async function realClientsOnFakes({ author, tokenUser = author, chat = (c) => c }: { author: string; tokenUser?: string; chat?: (chat: ChatService) => ChatService }): Promise<RealClientsOnFakes> {
  const vc = await startFakeVercel({ teamId: "team_1", members: [...new Set([author, tokenUser])], buildPolls: 2, aliasPolls: 2 });
  const gh = await startFakeGitHub({ orgs: ["acme"], email: tokenUser, onPush: (push) => vc.gitPush(push) });
  const services: Integrations = {
    chat: chat((await getIntegrations()).chat),
    git: createGitHubHost({ token: "ghp", org: "acme", baseUrl: gh.url, author: { name: "a", email: author }, pacing: { enabled: false, retryAfterBaseMs: 1 } }),
    previews: { ...createVercelHost({ token: "vc", teamId: "team_1", baseUrl: vc.url, sleep: async () => undefined }), pollDelayMs: () => 5 },
  };
  return {
    gh,
    vc,
    services,
    async close() {
      await gh.close();
      await vc.close();
    },
  };
}
