// Small apps shaped like v0's output (see shared/reference/real-v0-output.md),
// for the local preview host's tests: pinned Next.js and React 19.2, a
// lucide-react 0.x brand icon (gone from lucide-react 1.x), @vercel/analytics
// in the layout, next/font/google, Tailwind v4 with tw-animate-css, @theme
// inline and @custom-variant, a package with a peer range older than React
// 19 (vaul), public/ images, and a dynamic route.
import { deflateSync } from "node:zlib";
import type { FileMap } from "@/lib/files/types";

export const V0_SHAPED_DEPENDENCIES: Record<string, string> = {
  "@radix-ui/react-slot": "1.1.1",
  "@vercel/analytics": "1.3.1",
  "class-variance-authority": "^0.7.1",
  clsx: "^2.1.1",
  "lucide-react": "^0.454.0",
  next: "16.2.9",
  react: "19.2.9",
  "react-dom": "19.2.9",
  "tailwind-merge": "^2.5.5",
  vaul: "^0.9.9",
};

export const V0_SHAPED_DEV_DEPENDENCIES: Record<string, string> = {
  "@tailwindcss/postcss": "^4.1.9",
  "@types/node": "^22",
  "@types/react": "^19",
  "@types/react-dom": "^19",
  postcss: "^8.5",
  tailwindcss: "^4.1.9",
  "tw-animate-css": "1.3.3",
  typescript: "^5",
};

// A 2×2 PNG, bytes as a file in public/ holds them.
export function pngBytes(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]));
}

function packageJson(dependencies: Record<string, string>): string {
  return `${JSON.stringify(
    {
      name: "my-project",
      version: "0.1.0",
      private: true,
      scripts: { build: "next build", dev: "next dev", lint: "next lint", start: "next start" },
      dependencies,
      devDependencies: V0_SHAPED_DEV_DEPENDENCIES,
    },
    null,
    2,
  )}\n`;
}

const layout = `import type { Metadata } from "next";
import { Geist, Geist_Mono } from "next/font/google";
import { Analytics } from "@vercel/analytics/next";
import "./globals.css";

const _geist = Geist({ subsets: ["latin"], variable: "--font-geist-sans" });
const _geistMono = Geist_Mono({ subsets: ["latin"], variable: "--font-geist-mono" });

export const metadata: Metadata = {
  title: "Harbor Coffee",
  description: "Small-batch coffee by the harbor",
  generator: "v0.app",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }], apple: "/apple-icon.png" },
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className={\`\${_geist.variable} \${_geistMono.variable} font-sans antialiased\`}>
        {children}
        <Analytics />
      </body>
    </html>
  );
}
`;

const globals = `@import "tailwindcss";
@import "tw-animate-css";

@custom-variant dark (&:is(.dark *));

:root {
  --background: oklch(1 0 0);
  --foreground: oklch(0.145 0 0);
  --primary: oklch(0.205 0 0);
}

@theme inline {
  --font-sans: var(--font-geist-sans);
  --font-mono: var(--font-geist-mono);
  --color-background: var(--background);
  --color-foreground: var(--foreground);
  --color-primary: var(--primary);
}

@layer base {
  body {
    @apply bg-background text-foreground;
  }
}
`;

const footer = `import { Facebook, Instagram, Youtube } from "lucide-react";

export function SiteFooter() {
  return (
    <footer className="flex gap-4 p-6 text-primary dark:text-white">
      <a href="https://facebook.com" aria-label="Facebook"><Facebook className="size-5" /></a>
      <a href="https://instagram.com" aria-label="Instagram"><Instagram className="size-5" /></a>
      <a href="https://youtube.com" aria-label="YouTube"><Youtube className="size-5" /></a>
    </footer>
  );
}
`;

const drawer = `"use client";

import { Drawer } from "vaul";

export function MenuDrawer() {
  return (
    <Drawer.Root>
      <Drawer.Trigger className="rounded-md border px-3 py-1 animate-in fade-in">Menu</Drawer.Trigger>
      <Drawer.Portal>
        <Drawer.Content className="fixed inset-x-0 bottom-0 bg-background p-4">
          <Drawer.Title>Today's beans</Drawer.Title>
        </Drawer.Content>
      </Drawer.Portal>
    </Drawer.Root>
  );
}
`;

const utils = `import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
`;

function scaffolding(dependencies: Record<string, string>): FileMap {
  return {
    "package.json": packageJson(dependencies),
    "next.config.mjs": "/** @type {import('next').NextConfig} */\nconst nextConfig = {\n  typescript: { ignoreBuildErrors: true },\n  images: { unoptimized: true },\n};\n\nexport default nextConfig;\n",
    "postcss.config.mjs": 'const config = { plugins: { "@tailwindcss/postcss": {} } };\n\nexport default config;\n',
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          lib: ["dom", "dom.iterable", "esnext"],
          allowJs: true,
          target: "ES6",
          skipLibCheck: true,
          strict: true,
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
        include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
        exclude: ["node_modules"],
      },
      null,
      2,
    )}\n`,
    ".gitignore": "node_modules\n.next\n",
    "lib/utils.ts": utils,
    "app/layout.tsx": layout,
    "app/globals.css": globals,
    "components/site-footer.tsx": footer,
    "components/menu-drawer.tsx": drawer,
    "public/hero.png": pngBytes(),
    "public/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#6b4f2a"/></svg>\n',
    "public/apple-icon.png": pngBytes(),
  };
}

// Pages that all run in the browser: the fast path.
export function v0ClientApp({ heading = "Coffee roasted by the harbor", dependencies = V0_SHAPED_DEPENDENCIES } = {}): FileMap {
  return {
    ...scaffolding(dependencies),
    "app/page.tsx": `import Image from "next/image";
import Link from "next/link";
import { Coffee } from "lucide-react";
import { SiteFooter } from "@/components/site-footer";
import { MenuDrawer } from "@/components/menu-drawer";
import { cn } from "@/lib/utils";

export default function Home() {
  return (
    <main className="min-h-screen font-sans">
      <header className="flex items-center justify-between p-6"><Coffee className="size-6" /><MenuDrawer /></header>
      <h1 className={cn("text-4xl font-bold text-primary", "tracking-tight")}>${heading}</h1>
      <Image src="/hero.png" alt="Our roastery" width={640} height={360} priority />
      <Link href="/beans/ethiopia" className="underline">Ethiopia Guji</Link>
      <SiteFooter />
    </main>
  );
}
`,
    "app/beans/[slug]/page.tsx": `"use client";

import { useParams } from "next/navigation";

export default function Bean() {
  const { slug } = useParams<{ slug: string }>();
  return <h1 className="p-6 text-2xl">Bean: {slug}</h1>;
}
`,
  };
}

// A route handler, a server action and cookies(): the real-Next path.
export function v0ServerApp({ heading = "Join the harbor club" } = {}): FileMap {
  return {
    ...scaffolding(V0_SHAPED_DEPENDENCIES),
    "app/page.tsx": `import { cookies } from "next/headers";
import Image from "next/image";
import { SiteFooter } from "@/components/site-footer";
import { subscribe } from "./actions";

export default async function Home() {
  const member = (await cookies()).get("member")?.value;
  return (
    <main className="min-h-screen font-sans">
      <h1 className="text-4xl font-bold text-primary">${heading}</h1>
      <Image src="/hero.png" alt="Our roastery" width={640} height={360} />
      {member ? <p>Welcome back, {member}</p> : null}
      <form action={subscribe} className="flex gap-2 p-6">
        <input name="email" type="email" required className="rounded border px-2" />
        <button type="submit">Subscribe</button>
      </form>
      <SiteFooter />
    </main>
  );
}
`,
    "app/actions.ts": `"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

export async function subscribe(formData: FormData) {
  const email = String(formData.get("email") ?? "");
  (await cookies()).set("member", email);
  redirect("/thanks?email=" + encodeURIComponent(email));
}
`,
    "app/thanks/page.tsx": `export default async function Thanks({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return <h1 className="p-6 text-2xl">Thanks, {email}</h1>;
}
`,
    "app/api/hours/route.ts": `export async function GET(request: Request) {
  const day = new URL(request.url).searchParams.get("day") ?? "today";
  return Response.json({ day, open: "7:00", close: "17:00" });
}
`,
  };
}
