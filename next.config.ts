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
};

export default nextConfig;
