// Compiles the `sesame` command (lib/cli/sesame.ts and everything it loads) to plain JavaScript in dist-cli/ with
// esbuild: one bundle with a chunk per subcommand, loaded on demand, and no dependency on node_modules at run time —
// the image copies dist-cli/ and nothing else of the CLI. Run by `npm run build`, by `prepare` (npm install) and by
// bin/sesame.js itself when dist-cli/ is missing or older than the sources.
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const outdir = path.join(root, "dist-cli");

/** "server-only" throws outside a React server build; the CLI is server code run by Node, so it is an empty module. */
const serverOnly = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/**
 * zod re-exports every message locale as `z.locales` (~700 KB the CLI would compile at each start); Sesame's messages
 * are its own and zod's default is English, so the CLI's zod offers only that one.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), "..", "locales", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

export async function buildCli({ quiet = false } = {}) {
  // the image's dependency stage installs before the sources are copied: nothing to build yet
  if (!existsSync(path.join(root, "lib", "cli", "sesame.ts"))) return false;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    if (!quiet) console.log("build-cli: esbuild is not installed (npm install without dev dependencies?); skipped");
    return false;
  }
  // built aside and swapped in, so a `sesame` process starting meanwhile never sees a half-written dist-cli/
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { sesame: "lib/cli/sesame.ts" },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [serverOnly, zodEnglishOnly],
    // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins
    banner: {
      js: 'import { createRequire as __sesameCreateRequire } from "node:module"; const require = __sesameCreateRequire(import.meta.url);',
    },
    legalComments: "none",
    minify: true,
    // the AWS SDK's ES module builds tree-shake and skip the CommonJS wrappers: less to compile and run at start
    mainFields: ["module", "main"],
    logLevel: quiet ? "error" : "warning",
  });
  const old = `${outdir}.old-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(tmp, outdir);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const ok = await buildCli();
  if (ok) console.log(`build-cli: ${path.relative(root, outdir)}/sesame.mjs${existsSync(outdir) ? "" : " (missing!)"}`);
}
