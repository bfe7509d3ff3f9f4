import { describe, expect, it } from "vitest";
import { buildErrors } from "./build";

describe("next build's errors in the build log", () => {
  it("names each file and position as the app's author knows them", () => {
    const output = `▲ Next.js 16.2.9 (Turbopack)

> Build error occurred
Error: Turbopack build failed with 2 errors:
./workspaces/prj_abc/app/api/hello/route.ts:3:1
Expected ',', got '}'
  1 | export async function GET() {
> 3 | }
    | ^

Parsing ecmascript source code failed


./workspaces/prj_abc/app/page.tsx:1:1
Module not found: Can't resolve 'left-pad'
> 1 | import pad from "left-pad";

    at <unknown> (./workspaces/prj_abc/app/page.tsx:1:1)`;
    expect(buildErrors(output.split("\n"), "workspaces/prj_abc")).toEqual([
      "app/api/hello/route.ts:3:1: Expected ',', got '}'",
      "app/page.tsx:1:1: Module not found: Can't resolve 'left-pad'",
    ]);
  });

  it("keeps Next.js's own account when no file is named, without stack frames or build paths", () => {
    const output = `Error occurred prerendering page "/". Read more: https://nextjs.org/docs/messages/prerender-error
Error: boom
    at Page (/data/previews/deps/sets/k/workspaces/prj_abc/.next/server/chunks/ssr/app_page.js:1:1)
Export encountered an error on /page: /, exiting the build.`;
    expect(buildErrors(output.split("\n"), "workspaces/prj_abc")).toEqual([
      'Error occurred prerendering page "/". Read more: https://nextjs.org/docs/messages/prerender-error',
      "Error: boom",
      "Export encountered an error on /page: /, exiting the build.",
    ]);
  });

  it("keeps the cause Next.js printed before \"Build error occurred\", which names only the page", () => {
    const output = `   Collecting page data ...
Error: Failed to collect page data for /admin/stripe-links
    at ignore-listed frames {
  [cause]: Error: Neither apiKey nor config.authenticator provided
      at r._setAuthenticator (/data/previews/deps/sets/k/apps/dpl_abc/.next/server/chunks/611.js:1:2345)
}

> Build error occurred
[Error: Failed to collect page data for /admin/stripe-links] { type: 'Error' }`;
    expect(buildErrors(output.split("\n"), "dpl_abc")).toEqual([
      "Error: Failed to collect page data for /admin/stripe-links",
      "[cause]: Error: Neither apiKey nor config.authenticator provided",
      "> Build error occurred",
      "[Error: Failed to collect page data for /admin/stripe-links] { type: 'Error' }",
    ]);
  });
});
