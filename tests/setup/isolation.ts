// Every test file gets its own data directory (git repos, previews, secrets)
// and local stand-ins tuned for tests: instant streaming, a random port.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-test-"));
process.env.DATA_DIR = dataDir;
process.env.LOCAL_GENERATOR_DELAY_MS ??= "0";
process.env.LOCAL_PREVIEW_PORT ??= "0";
process.env.ADMIN_EMAILS ??= "admin@example.com";

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
