import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { convertBytes } from "../../src/pipeline/convert.js";
import type { Report } from "../../src/schema/report.js";
import type { TableValues } from "../../src/schema/tables.js";
import { type Field, TEMPLATES } from "../../src/template/index.js";

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

/** The canonical fields of a declared template version. */
export function fieldsOf(version: string): readonly Field[] {
  const template = TEMPLATES.get(version);
  if (!template) throw new Error(`no template version ${version}`);
  return template.fields;
}

/** The value under a canonical path of report.tables (undefined where the report has no such path). */
export function tableValue(report: Report, path: string): number | null | undefined {
  return flatValues(report).get(path);
}

/** Sets the value under a canonical path of report.tables, as an edit of a real report would. */
export function setValue(report: Report, path: string, value: number | null): void {
  const keys = path.split(".");
  let node = report.tables as unknown as TableValues;
  for (const key of keys.slice(0, -1)) node = node[key] as TableValues;
  node[keys[keys.length - 1]!] = value;
}
