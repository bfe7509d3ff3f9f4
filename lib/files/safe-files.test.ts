import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSafeFiles, MAX_FILE_BYTES, MAX_FILES, MAX_PATH_LENGTH, MAX_TOTAL_BYTES, normalizeFilePath } from "./safe-files";

function refusal(files: Record<string, string>): AppError {
  try {
    assertSafeFiles(files);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the files to be refused");
}

const many = (count: number, content = "") => Object.fromEntries(Array.from({ length: count }, (_, i) => [`src/f${i}.ts`, content]));

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

  it("refuses a file over 1 MB", () => {
    const error = refusal({ "data.json": "x".repeat(MAX_FILE_BYTES + 1) });
    expect(error.message).toBe('The file "data.json" is too large to save (the limit is 1 MB per file).');
    expect(error.detail).toContain(String(MAX_FILE_BYTES + 1));
  });

  it("counts bytes, not characters", () => {
    expect(refusal({ "emoji.txt": "😀".repeat(MAX_FILE_BYTES / 4 + 1) }).message).toMatch(/too large/);
  });

  it("refuses a 10 MB file", () => {
    expect(refusal({ "video.txt": "x".repeat(10 * 1024 * 1024) }).message).toMatch(/"video\.txt" is too large/);
  });

  it("refuses an app over 10 MB in total even when every file is small enough", () => {
    const files = many(11, "x".repeat(MAX_FILE_BYTES));
    expect(Object.values(files).join("").length).toBeGreaterThan(MAX_TOTAL_BYTES);
    expect(refusal(files).message).toBe("The app is too large to save (the limit is 10 MB in total).");
  });

  it("refuses more than 1,000 files, and 5,000", () => {
    expect(refusal(many(MAX_FILES + 1)).message).toBe("The app has too many files to save (1001; the limit is 1000).");
    expect(refusal(many(5000)).message).toMatch(/too many files/);
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
