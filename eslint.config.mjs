import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A production build has several copies of each error class, so
      // `instanceof` misses errors made by another copy: use the is…() guards.
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/^(AppError|IntegrationError|MergeConflictError|BuildFailure|DeploymentInProgressError)$/]",
          message: "Use the isAppError / isIntegrationError / … guards: instanceof fails across bundles.",
        },
      ],
    },
  },
  // components/ui is generated shadcn code, kept as the generator writes it.
  globalIgnores([".next/**", ".data/**", "node_modules/**", "test-results/**", "components/ui/**", "next-env.d.ts", "bench/results.json"]),
]);
