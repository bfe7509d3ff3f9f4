import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { publishBuild, removeOtherWorkspaces, syncWorkspace, workspaceDir } from "./workspace";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "workspace-test-"));
  dirs.push(dir);
  return dir;
}
const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)]));
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");

describe("an app's build workspace", () => {
  it("holds exactly the new commit's files, rewriting only those that changed and keeping .next", async () => {
    const dir = workspaceDir(tempDir(), "prj_abc");
    const first = await syncWorkspace(dir, files({ "app/page.tsx": "v1", "lib/extra.ts": "extra", "lib/util.ts": "util", "package.json": "{}" }));
    expect(first).toEqual({ fresh: true, written: 4, removed: 0 });
    // What the build left behind: its cache, and a file it generated beside the sources.
    mkdirSync(path.join(dir, ".next", "cache"), { recursive: true });
    writeFileSync(path.join(dir, ".next", "cache", "entry"), "cached");
    writeFileSync(path.join(dir, "next-env.d.ts"), "generated");
    const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    utimesSync(path.join(dir, "lib/util.ts"), old, old);

    const second = await syncWorkspace(
      dir,
      files({ "app/page.tsx": "v2", "lib/util.ts": "util", "package.json": "{}", "components/new.tsx": "new", "node_modules/x/index.js": "committed by mistake" }),
    );
    expect(second).toEqual({ fresh: false, written: 2, removed: 2 });
    expect(read(dir, "app/page.tsx")).toBe("v2");
    expect(read(dir, "components/new.tsx")).toBe("new");
    expect(existsSync(path.join(dir, "lib/extra.ts"))).toBe(false);
    expect(existsSync(path.join(dir, "next-env.d.ts"))).toBe(false);
    expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
    expect(statSync(path.join(dir, "lib/util.ts")).mtimeMs).toBe(old.getTime()); // untouched: its cache entries stay valid
    expect(read(dir, ".next/cache/entry")).toBe("cached");
  });

  it("replaces a file by a folder of the same name and removes folders left empty", async () => {
    const dir = workspaceDir(tempDir(), "prj_abc");
    await syncWorkspace(dir, files({ "app/page.tsx": "v1", "lib": "a file", "old/deep/file.ts": "x" }));
    await syncWorkspace(dir, files({ "app/page.tsx": "v1", "lib/index.ts": "now a folder" }));
    expect(read(dir, "lib/index.ts")).toBe("now a folder");
    expect(existsSync(path.join(dir, "old"))).toBe(false);
  });

  it("publishes a build to its own folder without the build cache", async () => {
    const root = tempDir();
    const dir = workspaceDir(root, "prj_abc");
    await syncWorkspace(dir, files({ "app/page.tsx": "v1" }));
    mkdirSync(path.join(dir, ".next", "cache"), { recursive: true });
    mkdirSync(path.join(dir, ".next", "server"), { recursive: true });
    writeFileSync(path.join(dir, ".next", "cache", "entry"), "cached");
    writeFileSync(path.join(dir, ".next", "server", "page.js"), "built");
    const appDir = path.join(root, "apps", "dpl_1");
    await publishBuild(dir, appDir);
    expect(read(appDir, "app/page.tsx")).toBe("v1");
    expect(read(appDir, ".next/server/page.js")).toBe("built");
    expect(existsSync(path.join(appDir, ".next", "cache"))).toBe(false);
    // The next version's sync leaves the published one alone.
    await syncWorkspace(dir, files({ "app/page.tsx": "v2" }));
    expect(read(appDir, "app/page.tsx")).toBe("v1");
  });

  it("drops the project's workspaces in other dependency sets", async () => {
    const sets = tempDir();
    const kept = workspaceDir(path.join(sets, "new"), "prj_abc");
    const old = workspaceDir(path.join(sets, "old"), "prj_abc");
    const other = workspaceDir(path.join(sets, "old"), "prj_other");
    for (const dir of [kept, old, other]) await syncWorkspace(dir, files({ "a.ts": "a" }));
    await removeOtherWorkspaces(sets, kept, "prj_abc");
    expect([existsSync(kept), existsSync(old), existsSync(other)]).toEqual([true, false, true]);
  });

  it("refuses a project id that isn't one", () => {
    expect(() => workspaceDir("/sets/k", "../escape")).toThrow(/not a project id/);
  });
});
