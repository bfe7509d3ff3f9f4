import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { describeLeftOut, leftOutNotice } from "./left-out";
import { assertSafeFiles, MAX_FILE_BYTES, MAX_FILES, MAX_PATH_LENGTH, MAX_TOTAL_BYTES, normalizeFilePath, selectUsableFiles } from "./safe-files";
import type { FileContent, FileMap } from "./types";

function refusal(files: FileMap, check: (files: FileMap) => unknown = assertSafeFiles): AppError {
  try {
    check(files);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the files to be refused");
}

const many = (count: number, content: FileContent = "") => Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/f${i}.ts`, content]));

describe("assertSafeFiles", () => {
  it("accepts an ordinary app, dotfiles and files exactly at the limits", () => {
    expect(() =>
      assertSafeFiles({
        "app/page.tsx": "export default function Page() {}",
        "components/ui/button.tsx": "",
        ".gitignore": "node_modules",
        ".github/workflows/ci.yml": "on: push",
        "public/.well-known/security.txt": "",
        "lib/environment.ts": "",
        "docs/.envrc.md": "",
        "app/[slug]/page.tsx": "é",
        [`${"a".repeat(MAX_PATH_LENGTH - 3)}.ts`]: "x",
        "big.txt": "x".repeat(MAX_FILE_BYTES),
      }),
    ).not.toThrow();
    expect(() => assertSafeFiles(many(MAX_FILES))).not.toThrow();
    expect(() => assertSafeFiles({})).not.toThrow();
  });

  it.each([
    ["../x", /outside the app/],
    ["a/../../b", /outside the app/],
    ["a/b/..", /outside the app/],
    ["/etc/passwd", /outside the app/],
    ["C:/Windows/win.ini", /outside the app/],
    [".git/config", /\.git folder/],
    ["x/.git/hooks/pre-commit", /\.git folder/],
    [".GIT/HEAD", /\.git folder/],
    [".env", /environment files/],
    [".env.local", /environment files/],
    ["config/.ENV.production", /environment files/],
    ["a\u0000b", /hidden characters/],
    ["a\nb.ts", /hidden characters/],
    ["a\\b", /backslash/],
    ["a//b", /has no name/],
    ["a/./b", /has no name/],
    ["a/", /has no name/],
    ["", /has no name/],
    ["x".repeat(MAX_PATH_LENGTH + 1), /longer than 300 characters/],
  ])("refuses %j", (path, reason) => {
    const error = refusal({ "ok.ts": "", [path]: "x" });
    expect(error.code).toBe("unprocessable_entity");
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/can't be saved/);
    expect(error.message).toMatch(reason);
    expect(error.detail).toContain(JSON.stringify(path));
  });

  it("names a hostile file without echoing hidden characters or a huge name", () => {
    expect(refusal({ "a\u0000b": "" }).message).toContain('"a?b"');
    expect(refusal({ ["y".repeat(400)]: "" }).message.length).toBeLessThan(200);
  });

  it("refuses a file over 10 MB as a last guard", () => {
    const error = refusal({ "data.json": "x".repeat(MAX_FILE_BYTES + 1) });
    expect(error.message).toBe('The file "data.json" is too large to save (the limit is 10 MB per file).');
    expect(error.detail).toContain(String(MAX_FILE_BYTES + 1));
  });

  it("counts bytes, not characters", () => {
    expect(refusal({ "emoji.txt": "😀".repeat(MAX_FILE_BYTES / 4 + 1) }).message).toMatch(/too large/);
  });

  it("refuses an app over 60 MB in total even when every file is small enough", () => {
    const files = many(7, new Uint8Array(MAX_FILE_BYTES));
    expect(refusal(files).message).toBe("The app is too large to save (the limit is 60 MB in total).");
  });

  it("refuses more than 1,000 files, and 5,000", () => {
    expect(refusal(many(MAX_FILES + 1)).message).toBe("The app has too many files to save (1001; the limit is 1000).");
    expect(refusal(many(5000)).message).toMatch(/too many files/);
  });
});

const MB = 1024 * 1024;
const image = (bytes: number, seed = 1) => new Uint8Array(bytes).fill(seed);

describe("selectUsableFiles", () => {
  it("keeps a normal 2 MB image and 3 MB of images, byte for byte", () => {
    const hero = image(2.2 * MB);
    const result = selectUsableFiles({ "app/page.tsx": '<img src="/hero.png" />', "public/hero.png": hero, "public/a.png": image(MB, 2) });
    expect(result.leftOut).toEqual([]);
    expect(result.files["public/hero.png"]).toBe(hero);
  });

  it("leaves a 12 MB file out on its own and commits the rest", () => {
    const files = { "app/page.tsx": '<video src="/intro.mp4" />', "public/intro.mp4": image(12 * MB), "public/logo.png": image(1000) };
    const result = selectUsableFiles(files);
    expect(Object.keys(result.files).sort()).toEqual(["app/page.tsx", "public/logo.png"]);
    expect(result.leftOut).toEqual([{ path: "public/intro.mp4", bytes: 12 * MB, reason: "too_large" }]);
    expect(leftOutNotice(result.leftOut, result.files)).toBe(`"intro.mp4" was left out because it is too large, so it won't appear in the preview.`);
  });

  it("brings a 70 MB version under the total by leaving out its largest images, never its code", () => {
    const files: FileMap = { "app/page.tsx": "export default function Page() { return <img src=\"/photo-0.png\" /> }", "package.json": "{}" };
    for (let i = 0; i < 8; i++) files[`public/photo-${i}.png`] = image((8 + i * 0.1) * MB, i);
    files["public/small.png"] = image(6 * MB, 9);
    const total = Object.values(files).reduce((sum, c) => sum + (typeof c === "string" ? c.length : c.byteLength), 0);
    expect(total).toBeGreaterThan(70 * MB);
    const result = selectUsableFiles(files);
    expect(result.leftOut.map((f) => [f.path, f.reason])).toEqual([
      ["public/photo-6.png", "over_total"],
      ["public/photo-7.png", "over_total"],
    ]);
    expect(Object.keys(result.files)).toEqual(expect.arrayContaining(["app/page.tsx", "package.json", "public/photo-0.png", "public/small.png"]));
    expect(Object.values(result.files).reduce((sum, c) => sum + (typeof c === "string" ? c.length : c.byteLength), 0)).toBeLessThanOrEqual(MAX_TOTAL_BYTES);
    // None of the left-out images is used by the code: nothing the builder sees changes.
    expect(leftOutNotice(result.leftOut, result.files)).toBeNull();
  });

  it("still refuses the whole version for a hostile path next to a good image", () => {
    const error = refusal({ "public/hero.png": image(2.2 * MB), "../../etc/cron.d/x": "* * * * * root sh" }, selectUsableFiles);
    expect(error.code).toBe("unprocessable_entity");
    expect(error.message).toMatch(/outside the app/);
  });

  it("leaves out an image that arrived as text instead of its bytes", () => {
    const result = selectUsableFiles({ "app/page.tsx": 'src="/hero.png"', "public/hero.png": "https://blob.example/hero.png", "public/icon.svg": "<svg/>" });
    expect(result.leftOut).toEqual([{ path: "public/hero.png", bytes: 29, reason: "unusable_kind" }]);
    expect(result.files["public/icon.svg"]).toBe("<svg/>");
    expect(leftOutNotice(result.leftOut, result.files)).toBe(`"hero.png" was left out because we couldn't read it, so it won't appear in the preview.`);
  });

  it("says how many files when several used ones are left out", () => {
    const result = selectUsableFiles({ "app/page.tsx": "a.mp4 b.mp4", "public/a.mp4": image(11 * MB), "public/b.mp4": image(11 * MB, 2) });
    expect(leftOutNotice(result.leftOut, result.files)).toBe("2 files were left out because they are too large or couldn't be read, so they won't appear in the preview.");
  });
});

describe("environment files", () => {
  it("commits .env templates as written, in any folder and spelling", () => {
    const files = {
      "app/page.tsx": "export default function Page() {}",
      ".env.example": "STRIPE_SECRET_KEY=sk_test_your_key_here",
      ".env.local.example": "OPENAI_API_KEY=",
      "apps/web/.env.sample": "RESEND_API_KEY=",
      ".env.template": "X=1",
    };
    expect(() => assertSafeFiles(files)).not.toThrow();
    const result = selectUsableFiles(files);
    expect(Object.keys(result.files).sort()).toEqual(Object.keys(files).sort());
    expect(result.leftOut).toEqual([]);
  });

  it("leaves a real environment file out on its own and keeps the rest of the version", () => {
    const result = selectUsableFiles({
      "app/page.tsx": "export default function Page() {}",
      ".env.local": "STRIPE_SECRET_KEY=sk_live_real_value",
      ".env": "A=1",
      "config/.ENV.production": "B=2",
    });
    expect(Object.keys(result.files)).toEqual(["app/page.tsx"]);
    expect(result.leftOut).toEqual([
      { path: ".env", bytes: 3, reason: "environment_file" },
      { path: ".env.local", bytes: 36, reason: "environment_file" },
      { path: "config/.ENV.production", bytes: 3, reason: "environment_file" },
    ]);
    // Admins read that it was left out; builders read nothing about it.
    expect(describeLeftOut(result.leftOut)).toContain(".env.local (36 bytes, environment file");
    expect(leftOutNotice(result.leftOut, { "app/page.tsx": "reads .env.local" })).toBeNull();
  });

  it("still refuses a hostile name next to an environment file", () => {
    expect(refusal({ ".env.local": "A=1", "../x": "" }, selectUsableFiles).message).toMatch(/outside the app/);
  });
});

describe("normalizeFilePath", () => {
  it.each([
    ["./app//page.tsx", "app/page.tsx"],
    ["././a.ts", "a.ts"],
    [".//a.ts", "a.ts"],
    ["a///b//c.ts", "a/b/c.ts"],
    ["app/page.tsx", "app/page.tsx"],
    [".env", ".env"],
    ["../x", "../x"],
  ])("%j → %j", (input, output) => {
    expect(normalizeFilePath(input)).toBe(output);
  });

  it("does not turn a refused path into an accepted one", () => {
    for (const path of ["/etc/passwd", "a/../../b", "x/.git/config", "./.env"]) {
      expect(() => assertSafeFiles({ [normalizeFilePath(path)]: "" })).toThrow(AppError);
    }
  });
});
