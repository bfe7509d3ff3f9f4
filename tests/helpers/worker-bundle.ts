import path from "node:path";
import { bundleForNode } from "./bundle-for-node.mjs";

const root = path.resolve(import.meta.dirname, "../..");

// One file per test process, so parallel test files never overwrite each other's.
export function bundleWorker(entry: string): Promise<string> {
  return bundleForNode(entry, path.join(root, "node_modules/.cache/csd-workers", `${path.basename(entry, ".ts")}-${process.pid}.mjs`));
}
