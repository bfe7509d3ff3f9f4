// The one table of exact versions for the packages generated apps use, so
// a preview built today and a publish next month install the same code.
// The packages this project installs too are pinned to the version
// installed here (pinned-versions.test.ts): the preview host builds apps
// offline from them. Both the package.json a publish writes
// (lib/deploy/templates/package-json.ts) and the embedded generator's read
// it.
export const PINNED_DEPENDENCIES = {
  next: "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "lucide-react": "1.77.0",
  clsx: "2.1.1",
  "tailwind-merge": "3.7.0",
  "class-variance-authority": "0.7.1",
  "@radix-ui/react-slot": "1.5.0",
  "@radix-ui/react-tabs": "1.2.1",
  "framer-motion": "14.14.0",
  "date-fns": "4.4.0",
  recharts: "3.11.0",
  zod: "4.6.7",
  "react-hook-form": "7.92.0",
  "@hookform/resolvers": "7.0.7",
  sonner: "2.0.8",
} as const;

export const PINNED_DEV_DEPENDENCIES = {
  tailwindcss: "4.3.5",
  "@tailwindcss/postcss": "4.3.5",
  typescript: "6.0.3",
  "@types/node": "26.6.6",
  "@types/react": "19.3.0",
  "@types/react-dom": "19.3.0",
} as const;
