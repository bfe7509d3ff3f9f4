import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { warmUpLocalPreviews } from "./index";

it("builds the shared React bundle ahead of the first preview, once", async () => {
  await warmUpLocalPreviews();
  const dir = path.join(process.env.DATA_DIR!, "previews", "vendor");
  const files = readdirSync(dir).sort();
  expect(files).toEqual([expect.stringMatching(/^react-[0-9a-f]{16}\.js$/), expect.stringMatching(/^react-server-[0-9a-f]{16}\.cjs$/)]);
  await warmUpLocalPreviews();
  expect(readdirSync(dir).sort()).toEqual(files);
});
