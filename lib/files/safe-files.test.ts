import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSafeFiles, MAX_FILE_BYTES, normalizeFilePath } from "./safe-files";

const refused = (files: Record<string, string>) => {
  try {
    assertSafeFiles(files);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unprocessable_entity");
    return (error as AppError).message;
  }
  throw new Error("expected the files to be refused");
};

describe("assertSafeFiles", () => {
  it("accepts an ordinary app", () => {
    expect(() =>
      assertSafeFiles({ "app/page.tsx": "x", "components/ui/button.tsx": "y", ".gitignore": "node_modules", "public/.well-known/a.txt": "" }),
    ).not.toThrow();
  });

  it.each([
    "../x",
    "a/../../b",
    "/etc/passwd",
    "C:/Windows/win.ini",
    ".git/config",
    "x/.git/hooks/pre-commit",
    ".GIT/HEAD",
    ".env",
    ".env.local",
    "config/.env.production",
    "a\u0000b",
    "a\\b",
    "a//b",
    "./",
    "x".repeat(301),
  ])("refuses %j", (path) => {
    expect(refused({ [path]: "x" })).toMatch(/can't be saved/);
  });

  it("refuses a 10 MB file and a 5,000-file app, in plain words", () => {
    expect(refused({ "big.txt": "x".repeat(MAX_FILE_BYTES + 1) })).toMatch(/too large/);
    expect(refused({ "a.txt": "x".repeat(10 * 1024 * 1024) })).toMatch(/too large/);
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}.ts`, ""]));
    expect(refused(many)).toMatch(/too many files/);
  });

  it("normalises harmless spellings", () => {
    expect(normalizeFilePath("./app//page.tsx")).toBe("app/page.tsx");
  });
});
