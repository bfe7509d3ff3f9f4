// Every test file gets its own data directory (git repos, previews, secrets)
// and local stand-ins tuned for tests: instant streaming, a random port.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-test-"));
process.env.DATA_DIR = dataDir;
// The font packages previews install (lib/embedded/preview-host/deps/fonts.ts)
// are shared by every test file and kept between runs: fetched from the
// registry once per machine, not once per file.
const sharedFonts = path.join(os.tmpdir(), "csd-test-font-packages");
mkdirSync(sharedFonts, { recursive: true });
mkdirSync(path.join(dataDir, "previews", "deps"), { recursive: true });
symlinkSync(sharedFonts, path.join(dataDir, "previews", "deps", "fonts"), "dir");
process.env.LOCAL_GENERATOR_DELAY_MS ??= "0";
process.env.LOCAL_PREVIEW_PORT ??= "0";
process.env.ADMIN_EMAILS ??= "admin@example.com";
process.env.CHAT_MESSAGES_PER_MINUTE ??= "1000";
// The server's own preview after a reply is tested where it is wanted;
// elsewhere it would race each test's own preview updates.
process.env.REPLY_PREVIEW_GRACE_MS ??= "600000";

// Test files share a worker process; what the app keeps on globalThis (to
// survive dev hot reloads) must not leak into the next file.
const PROCESS_SINGLETONS = ["__env", "__integrations", "__localPreviewPushes", "__localPreviewServer", "__localPreviewNextServers", "__localPreviewNextSweep", "__localPreviewSandbox", "__localPreviewCleaned"];

afterAll(() => {
  const globals = globalThis as Record<string, unknown>;
  for (const key of PROCESS_SINGLETONS) delete globals[key];
  rmSync(dataDir, { recursive: true, force: true });
});
