import type { RepoRef } from "@/lib/github/types";

export type DeploymentState =
  | "QUEUED"
  | "INITIALIZING"
  | "BUILDING"
  | "READY"
  | "ERROR"
  | "CANCELED"
  | "BLOCKED";

export const TERMINAL_STATES: readonly DeploymentState[] = ["READY", "ERROR", "CANCELED", "BLOCKED"];

// Why a deployment did not become READY, in the terms the builder's message
// depends on: their code (a fix or rephrasing may help), a package that could
// not be installed, the hosting account refusing the update (an admin must
// act), or the host itself being unavailable or overloaded.
// "refused": the (local) host builds nothing at all until an admin sets it up.
export type DeploymentFailureKind = "code" | "install" | "blocked" | "unavailable" | "canceled" | "refused";

// One of an app's settings as a host gets it. `secret`: not NEXT_PUBLIC_, so
// never readable back once stored (Vercel's "sensitive").
export type EnvironmentVariable = { key: string; value: string; secret: boolean };

export type Deployment = {
  id: string;
  state: DeploymentState;
  url: string; // absolute URL of this deployment (immutable)
  // Absolute, stable URL that always serves the branch's latest ready build,
  // when the host keeps one whose name says nothing about branches (builders
  // see it). Without one, the deployment's own url is the preview link.
  branchUrl?: string;
  sha?: string;
  branch?: string;
  target: "production" | "preview";
  errorMessage?: string; // provider text: logs and admins only
  failureKind?: DeploymentFailureKind; // set when the state is ERROR, CANCELED or BLOCKED
  // Production only: whether the project's domains now point at this build.
  // Not known yet and not yet both read as false.
  aliasAssigned?: boolean;
  // Production only: the domains could not be moved to this build (provider text).
  aliasError?: string;
};

export type Project = {
  id: string;
  name: string;
  linkedRepo?: string; // "owner/name"
  productionBranch?: string;
  previewsProtected: boolean;
};

export type CommitAuthorAccess = { status: "member" | "not_member" | "unknown"; detail: string };

export interface PreviewHost {
  // A taken name throws IntegrationError kind "conflict".
  createProject(input: { name: string; repo: RepoRef }): Promise<Project>;
  getProject(idOrName: string): Promise<Project | null>;
  linkProject(idOrName: string, repo: RepoRef): Promise<Project>;
  setProductionBranch(projectId: string, branch: string): Promise<void>;
  // Previews must be embeddable, so no login wall in front of them.
  disablePreviewProtection(projectId: string): Promise<void>;
  // The deployment built from exactly this commit of this branch, if any.
  findDeploymentForCommit(input: { projectId: string; sha: string; branch: string }): Promise<Deployment | null>;
  getDeployment(id: string): Promise<Deployment>;
  createDeployment(input: {
    projectId: string;
    projectName: string;
    repo: RepoRef;
    branch: string;
    sha: string;
    target: "production" | "preview";
  }): Promise<Deployment>;
  // Makes `vars` the project's variables for previews of `previewBranch` and
  // for production, removing any other. Like Vercel's, they apply only to
  // deployments created afterwards.
  setEnvironment(projectId: string, vars: EnvironmentVariable[], options: { previewBranch: string }): Promise<void>;
  // Stable production URL of the project (its domain), once it has one.
  getProductionUrl(projectId: string): Promise<string | null>;
  // Whether commits by this author email may deploy on the account the host
  // acts for ("unknown" when the host can't tell). Hosts that can't check
  // leave it out.
  commitAuthorAccess?(email: string): Promise<CommitAuthorAccess>;
  // What admins should know about how this host builds (the local host
  // without a sandbox: generated code runs unconfined, or nothing is
  // built); null when there is nothing to say. Admin-only text.
  adminNotice?(): string | null;
  // The last lines of a deployment's build output, oldest first, bounded in
  // lines, bytes and time. Provider text: it goes to the generator only
  // after lib/fix-it/build-error.ts has cut and scrubbed it.
  buildOutput?(deploymentId: string): Promise<string[]>;
  // How long to wait between status checks, given the time spent so far.
  // Hosts without an opinion get Vercel's own client's schedule.
  pollDelayMs?(elapsedMs: number): number;
}
