import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { permissionFlags } from "./node-permissions";

it("names each path once, so Node starts even when an app's packages and their real folder are the same", () => {
  const flags = permissionFlags({ read: ["/nonexistent/set/node_modules/*", "/nonexistent/set/node_modules/*", "/nonexistent/app/*"], write: ["/nonexistent/app/.next/*"] });
  expect(flags.filter((flag) => flag.startsWith("--allow-fs-read="))).toHaveLength(2);
  const run = spawnSync(process.execPath, [...flags, "--no-warnings", "-e", "console.log('started')"], { encoding: "utf8" });
  expect(run.stderr).not.toMatch(/Assertion failed/);
  expect(run.stdout.trim()).toBe("started");
});
