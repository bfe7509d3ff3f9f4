// Builds left unfinished by a server process that died are closed as
// interrupted by the next server, and only those.
import { describe, expect, it } from "vitest";
import { closeOrphanedBuilds } from "./deployments";
import { thisProcess } from "./sandbox/processes";
import { newId, readDeployment, saveDeployment, type StoredDeployment } from "./store";

function stored(state: StoredDeployment["state"], owner: StoredDeployment["owner"]): StoredDeployment {
  const deployment: StoredDeployment = {
    id: newId("dpl"),
    projectId: "prj_test",
    repo: "local/app",
    sha: "a".repeat(40),
    branch: "staging",
    target: "preview",
    state,
    log: ["Cloning local/app"],
    createdAt: Date.now(),
    owner,
  };
  saveDeployment(deployment);
  return deployment;
}

describe("closing builds a dead server left behind", () => {
  it("fails the dead server's queued and running builds as interrupted, and leaves a live server's and finished ones alone", () => {
    // A pid no process has (above the kernel's limit).
    const dead = { pid: 2 ** 22 + 1, started: null };
    const building = stored("BUILDING", dead);
    const queued = stored("QUEUED", dead);
    const unowned = stored("BUILDING", undefined);
    const live = stored("BUILDING", thisProcess());
    const finished = stored("READY", dead);

    expect(closeOrphanedBuilds().sort()).toEqual([building.id, queued.id, unowned.id].sort());
    for (const id of [building.id, queued.id, unowned.id]) {
      expect(readDeployment(id)).toMatchObject({ state: "ERROR", failureKind: "unavailable", errorMessage: expect.stringContaining("interrupted") });
    }
    expect(readDeployment(live.id)!.state).toBe("BUILDING");
    expect(readDeployment(finished.id)!.state).toBe("READY");
    expect(closeOrphanedBuilds()).toEqual([]);
  });
});
