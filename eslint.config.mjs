import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // components/ui is generated shadcn code, kept as the generator writes it.
  globalIgnores([".next/**", ".data/**", "node_modules/**", "test-results/**", "components/ui/**", "next-env.d.ts", "bench/results.json"]),
]);
