import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { convertBytes } from "../../src/pipeline/convert.js";
import type { Report } from "../../src/schema/report.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const shared = resolve(repoRoot, "../shared");
export const realCorpus = resolve(shared, "corpus/real");
export const fixtures = resolve(repoRoot, "tests/fixtures");

export function convertFile(path: string): Promise<Report> {
  return convertBytes(readFileSync(path), path);
}

/** Every leaf of report.tables except the generic grids, as canonical path → value. */
export function flatValues(report: Report): Map<string, number | null> {
  const flat = new Map<string, number | null>();
  const walk = (node: unknown, prefix: string) => {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === "object") walk(value, path);
      else flat.set(path, value as number | null);
    }
  };
  const { other: _other, ...known } = report.tables;
  walk(known, "");
  return flat;
}

export function errorFindings(report: Report) {
  return report.findings.filter((f) => f.severity === "error");
}
