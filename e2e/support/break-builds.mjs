// Loaded into the journey's `next start` (NODE_OPTIONS=--import) so the
// journey can make a preview build fail because of the app's code, the one
// failure "Fix it" is for, without a test hook in the product: while the
// file named by E2E_BREAK_BUILDS_FILE exists, every app/page.tsx the local
// preview host writes out to build gets a syntax error appended, and the
// build fails on it as it would on broken code from v0.
import { existsSync } from "node:fs";
import fsPromises from "node:fs/promises";
import path from "node:path";
import { syncBuiltinESMExports } from "node:module";

const breakFile = process.env.E2E_BREAK_BUILDS_FILE;
const dataDir = process.env.DATA_DIR;

if (breakFile && dataDir) {
  // Where the local preview host writes a commit's files to build them.
  const workDirs = path.resolve(dataDir, "previews", "work") + path.sep;
  const writeFile = fsPromises.writeFile;
  fsPromises.writeFile = function (file, data, ...rest) {
    const target = typeof file === "string" ? path.resolve(file) : "";
    if (target.startsWith(workDirs) && target.endsWith(`${path.sep}app${path.sep}page.tsx`) && existsSync(breakFile)) {
      data = Buffer.concat([Buffer.from(data), Buffer.from("\nexport const = ;\n")]);
    }
    return writeFile.call(this, file, data, ...rest);
  };
  syncBuiltinESMExports();
}
