/**
 * Export benchmark: `npx tsx scripts/bench-export.ts [--dist] [reports=10000] [formats=.sqlite …]`.
 *
 * Converts the seed report once, then writes N variants of it as a conversion output folder (each a
 * distinct document: its own sha256, an issuer out of N/5 bodies, one of five years, and every table
 * value changed), and times `exportOutput` to each format: wall seconds, and CPU seconds of this
 * process (all threads), which tell apart a slow export from a busy machine.
 *
 * From sources the report JSONs are read in the main thread; `--dist` (after `npm run build`) runs
 * the compiled code, as `nianbao export` does, where a worker thread reads ahead of the writer.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPORT_FORMATS, type ExportFormat } from "../src/exports/index.js";
import { runBatch } from "../src/pipeline/batch.js";
import type { Report } from "../src/schema/report.js";
import { type ManifestLine, manifestLine } from "../src/writers/manifest.js";

const seedFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/seed/2021_yangquan_city.txt");
const args = process.argv.slice(2);
const useDist = args[0] === "--dist";
if (useDist) args.shift();
const count = Number(args[0] ?? 10_000);
const formats = args.slice(1).map((f) => EXPORT_FORMATS.find((known) => known === f) ?? fail(`unknown format ${f}`));

const { exportOutput }: typeof import("../src/exports/index.js") = await import(useDist ? "../dist/exports/index.js" : "../src/exports/index.js");

const work = mkdtempSync(join(tmpdir(), "nianbao-bench-"));
try {
  const outDir = join(work, "output");
  const started = performance.now();
  await writeVariants(outDir, count);
  process.stderr.write(`wrote ${count} report JSONs in ${seconds(started)} s\n`);
  for (const format of formats.length > 0 ? formats : ([".sqlite"] satisfies ExportFormat[])) {
    const to = join(work, `export${format}`);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const summary = await exportOutput({ outDir, to });
    const { user, system } = process.cpuUsage(cpu);
    const size = (statSync(to).size / 1024 / 1024).toFixed(1);
    console.log(
      `${format} (${useDist ? "dist" : "sources"}): ${summary.ok} reports in ${seconds(start)} s, CPU ${((user + system) / 1e6).toFixed(2)} s ` +
        `(${size} MB; ${summary.seriesFindings} series findings in ${summary.issuerGroups} groups)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The seed converted by the real pipeline, then varied: same shape, different documents and numbers. */
async function writeVariants(outDir: string, n: number): Promise<void> {
  const seedDir = join(work, "seed");
  await runBatch({ inputs: [seedFile], outDir: seedDir });
  const seedLine: ManifestLine = manifestLine.parse(JSON.parse(readFileSync(join(seedDir, "manifest.jsonl"), "utf8").split("\n")[0]!));
  const report: Report = JSON.parse(readFileSync(join(seedDir, seedLine.output!), "utf8"));
  const leaves = numberLeaves(report.tables);
  const bodies = Math.max(1, Math.floor(n / 5));
  const manifest: string[] = [];
  mkdirSync(join(outDir, "reports"), { recursive: true });
  for (let i = 0; i < n; i++) {
    const body = i % bodies;
    // Every other body is named with its city in front, as collections do, to exercise the grouping.
    report.meta.issuer = body % 2 === 0 ? `示例${body}县人民政府` : `某某市示例${body}县人民政府`;
    report.meta.year = 2019 + Math.floor(i / bodies);
    report.source.sha256 = createHash("sha256").update(`bench ${i}`).digest("hex");
    for (const { parent, key, value, path } of leaves) {
      const varied = (value * 7 + i) % 1000;
      parent[key] = varied;
      const provenance = report.provenance[path];
      if (provenance) provenance.raw = String(varied);
    }
    const output = join("reports", `${i}.json`);
    writeFileSync(join(outDir, output), `${JSON.stringify(report, null, 2)}\n`);
    manifest.push(JSON.stringify({ ...seedLine, input: `bench/${i}.txt`, output, sha256: report.source.sha256 }));
  }
  writeFileSync(join(outDir, "manifest.jsonl"), `${manifest.join("\n")}\n`);
}

interface NumberLeaf {
  parent: Record<string, unknown>;
  key: string;
  value: number;
  path: string;
}

/** Every numeric cell of the canonical tables, with its original value and where to write a new one. */
function numberLeaves(node: object, prefix = ""): NumberLeaf[] {
  return Object.entries(node).flatMap(([key, value]): NumberLeaf[] => {
    if (prefix === "" && key === "other") return [];
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "number") return [{ parent: node as Record<string, unknown>, key, value, path }];
    return value !== null && typeof value === "object" ? numberLeaves(value, path) : [];
  });
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function fail(message: string): never {
  throw new Error(message);
}
