import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as z from "zod";
import { finding, meta, type Report, SCHEMA_VERSION, source, templateVersion } from "../schema/report.js";
import { type ManifestLine, manifestLine } from "../writers/manifest.js";
import { type ValueColumns, valueColumns } from "./values.js";

/** One input of a conversion run: its manifest line and, when it converted, what the exports take of its report. */
export interface ExportEntry {
  line: ManifestLine;
  report: ExportedReport | null;
}

/**
 * The parts of a report the exports write, with the tables already flat. Much smaller than the
 * report (no provenance labels and locators), which matters when a worker thread posts it over.
 */
export type ExportedReport = Pick<Report, "meta" | "template" | "source" | "findings" | "sections"> & {
  values: ValueColumns;
  /** The whole report JSON on one line, when the reader is asked for it (the JSONL export). */
  json?: string;
};

export interface ReadOptions {
  /** Keep each report's whole JSON (ExportedReport.json). */
  json: boolean;
}

/**
 * Each report JSON was validated against the full schema before convert wrote it; re-validating
 * all of it costs as much as parsing it (about 1 ms a report), so an export checks what tells a
 * report of this schema version apart from anything else (a stale run, a hand-edited file) and
 * that the big parts are there, not each of their 200 entries.
 */
const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
const reportHeader = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  meta,
  template: templateVersion,
  source,
  findings: z.array(finding),
  tables: z.custom<Report["tables"]>(isObject, "tables is not an object"),
  provenance: z.custom<Report["provenance"]>(isObject, "provenance is not an object"),
  sections: z.array(z.custom<Report["sections"][number]>(isObject, "a section is not an object")),
});

/** The folder is missing or is not an output folder of `nianbao convert`: a usage error. */
export class OutputDirError extends Error {}

export function manifestPathOf(outDir: string): string {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new OutputDirError(`${outDir} is not a folder`);
  const manifest = join(outDir, "manifest.jsonl");
  if (!existsSync(manifest)) throw new OutputDirError(`${outDir} has no manifest.jsonl: not an output folder of nianbao convert`);
  return manifest;
}

/** How many entries the folder's manifest lists at most (its lines), without parsing them. */
export function countManifestLines(outDir: string): number {
  const bytes = readFileSync(manifestPathOf(outDir));
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  // A last line without its newline (a torn one) counts too.
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? lines + 1 : lines;
}

/** A manifest line that could not be read, and why; the export goes on without it. */
export interface UnreadableLine {
  number: number;
  reason: string;
}

/**
 * Reads a conversion output folder one entry at a time (the manifest line by line, each report JSON
 * only when its turn comes), so exporting 10,000 reports keeps memory flat. A run killed mid-write
 * can leave a torn manifest line: such a line is passed to onUnreadableLine and skipped. A report JSON
 * that is missing or no longer matches the schema turns its entry into a failed one rather than
 * stopping the export: the other reports are still worth having.
 */
export async function* readOutputDir(
  outDir: string,
  options: ReadOptions,
  onUnreadableLine: (line: UnreadableLine) => void,
): AsyncGenerator<ExportEntry> {
  const lines = createInterface({ input: createReadStream(manifestPathOf(outDir)), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === "") continue;
    const line = parseManifestLine(text);
    if (typeof line === "string") {
      onUnreadableLine({ number, reason: line });
      continue;
    }
    if (line.status !== "ok" || line.output === null) {
      yield { line, report: null };
      continue;
    }
    const loaded = loadReport(join(outDir, line.output), options);
    yield "error" in loaded ? { line: { ...line, status: "failed", error: `${line.output}: ${loaded.error}` }, report: null } : { line, report: loaded.report };
  }
}

/** The line, or why it is not one. */
function parseManifestLine(text: string): ManifestLine | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  const parsed = manifestLine.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `not a manifest line: ${issue?.path.join(".")}: ${issue?.message}`;
}

/** Read synchronously: one file at a time anyway, and the async read costs more in waits than it saves. */
function loadReport(path: string, options: ReadOptions): { report: ExportedReport } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return { error: `cannot read the report JSON: ${(error as Error).message}` };
  }
  const checked = reportHeader.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { error: `the report JSON does not match schema ${SCHEMA_VERSION}: ${issue?.path.join(".")}: ${issue?.message}` };
  }
  const report = json as Report;
  const { meta, template, source, findings, sections } = report;
  const exported: ExportedReport = { meta, template, source, findings, sections, values: valueColumns(report) };
  if (options.json) exported.json = JSON.stringify(report);
  return { report: exported };
}
