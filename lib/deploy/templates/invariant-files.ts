// The files every app needs to build as a Next.js App Router project with
// Tailwind CSS v4. Generated files with the same path take precedence.
export const invariantFiles: Record<string, string> = {
  "next.config.mjs": `/** @type {import('next').NextConfig} */
const nextConfig = {};

export default nextConfig;
`,
  "tsconfig.json": `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2017",
        lib: ["dom", "dom.iterable", "esnext"],
        allowJs: true,
        skipLibCheck: true,
        strict: false,
        noEmit: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: "preserve",
        incremental: true,
        plugins: [{ name: "next" }],
        paths: { "@/*": ["./*"] },
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
      exclude: ["node_modules"],
    },
    null,
    2,
  )}
`,
  "postcss.config.mjs": `const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
`,
  "app/globals.css": `@import "tailwindcss";
`,
  "app/layout.tsx": `import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = { title: "My app" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">{children}</body>
    </html>
  );
}
`,
  "lib/utils.ts": `import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
`,
  ".gitignore": `node_modules/
.next/
.env*
`,
  "README.md": `# My app

Built by describing it in App Builder. Every change you ask for in the chat is saved here.
`,
};
