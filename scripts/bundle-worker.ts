/**
 * Bundles the conversion worker (dist/pipeline/worker.js and all it imports) into dist/worker/.
 * Every worker thread loads its modules afresh, and as some 150 separate ES modules (zod's 64
 * locales among them, none of which nianbao uses) that took 110–150 ms per worker: with two workers
 * on two cores, about a fifth of a 200-file batch went by before the first file. Bundled and
 * tree-shaken it loads in 45–60 ms. Each reader stays a chunk of its own, loaded when its format is
 * first met; pdfjs-dist and word-extractor stay outside the bundle, resolved from node_modules as
 * before (pdfjs finds its fonts and worker through require.resolve).
 */
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const outdir = join(dist, "worker");
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { worker: join(dist, "pipeline/worker.js") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  external: ["pdfjs-dist", "word-extractor"],
  logLevel: "warning",
});
