import { existsSync } from "node:fs";

// Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Why the browser suite cannot run here, with the one-line fix; null when it can.
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `Chromium not found at ${CHROMIUM_PATH}. Install it with \`sudo apt-get install -y chromium\` (or point CHROMIUM_PATH at a Chromium binary).`;
}
