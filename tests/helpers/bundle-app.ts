// Bundles a generated app's page with esbuild from an in-memory file map
// (the @/ alias resolved inside it), to prove generated code compiles.
import { build } from "esbuild";

export async function bundleGeneratedPage(files: Record<string, string>): Promise<string> {
  const result = await build({
    stdin: { contents: files["app/page.tsx"]!, loader: "tsx", resolveDir: "/virtual" },
    bundle: true,
    write: false,
    jsx: "automatic",
    logLevel: "silent",
    external: ["react", "react/*", "lucide-react"],
    plugins: [
      {
        name: "virtual",
        setup(b) {
          b.onResolve({ filter: /^@\// }, (args) => ({ path: `${args.path.slice(2)}.tsx`, namespace: "v" }));
          b.onLoad({ filter: /.*/, namespace: "v" }, (args) => ({ contents: files[args.path], loader: "tsx", resolveDir: "/virtual" }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}
