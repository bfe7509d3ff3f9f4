import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM or worker-spawning packages that must run from node_modules
  // as they are rather than be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "esbuild",
    "@tailwindcss/node",
    "@tailwindcss/oxide",
    "lightningcss",
    "postgres",
  ],
  poweredByHeader: false,
  // @v0-sdk/react starts reading a reply stream during render; StrictMode's
  // double render would hand its second pass an already-locked stream.
  reactStrictMode: false,
  // Pages get their full set (with a per-request CSP) from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
