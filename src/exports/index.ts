import { mkdirSync } from "node:fs";
import { dirname, extname } from "node:path";
import { CsvSink } from "./csv.js";
import { EXPORT_FORMATS, type ExportFormat } from "./formats.js";
import { readIssuerGroups } from "./issuer-groups.js";
import { JsonlSink } from "./jsonl.js";
import { countManifestLines, type UnreadableLine } from "./output-dir.js";
import { readOutputDirAhead } from "./read-ahead.js";
import { ParquetSink } from "./parquet.js";
import { SeriesCollector, seriesFilePath, writeSeriesFile } from "./series.js";
import type { ExportSink } from "./sink.js";
import type { ManifestLine } from "../writers/manifest.js";
import { SqliteSink } from "./sqlite.js";

export { IssuerGroupsError } from "./issuer-groups.js";
export { OutputDirError } from "./output-dir.js";
export { ExportTargetError } from "./sink.js";

export { EXPORT_FORMATS, type ExportFormat } from "./formats.js";

export interface ExportOptions {
  /** A folder written by `nianbao convert` (manifest.jsonl and the report JSONs). */
  outDir: string;
  /** The export file; its extension picks the format. */
  to: string;
  /** CSV only: one row per report, one column per canonical path. */
  wide?: boolean;
  /** CSV only: start with a UTF-8 BOM for Excel. */
  excel?: boolean;
  /** A JSON file of issuer groups to use in place of the automatic ones (see issuer-groups.ts). */
  issuerGroups?: string;
  /** Called once before the first entry with the number of manifest lines (the entries, about). */
  onStart?: (total: number) => void;
  onEntry?: (line: ManifestLine) => void;
  /**
   * Stops the export after the report being written (the sink is abandoned: SQLite keeps the
   * transactions it committed, a text or Parquet file is not written).
   */
  signal?: AbortSignal;
}

export interface ExportSummary {
  format: ExportFormat;
  ok: number;
  failed: number;
  skipped: number;
  issuerGroups: number;
  seriesFindings: number;
  seriesFile: string;
  /** Manifest lines skipped because they do not parse (a torn last line of a killed run). */
  unreadableLines: UnreadableLine[];
}

export class ExportUsageError extends Error {}

export function formatOf(path: string): ExportFormat {
  const extension = extname(path).toLowerCase();
  const format = EXPORT_FORMATS.find((f) => f === extension);
  if (!format) throw new ExportUsageError(`cannot tell the export format of ${path}: the file name must end in ${EXPORT_FORMATS.join(", ")}`);
  return format;
}

/**
 * Exports a conversion output folder to one file, reading the folder one report at a time, then runs
 * the cross-document check (series.carryOver) over what it read and writes series.json beside the file.
 */
export async function exportOutput(options: ExportOptions): Promise<ExportSummary> {
  const format = formatOf(options.to);
  if ((options.wide || options.excel) && format !== ".csv") throw new ExportUsageError("--wide and --excel apply to .csv exports only");
  // Read before anything is written, so that a mistake in the file costs nothing.
  const givenGroups = options.issuerGroups === undefined ? [] : readIssuerGroups(options.issuerGroups);
  // Counting the manifest's lines first also refuses a folder that is not an output folder.
  const expectedEntries = countManifestLines(options.outDir);
  mkdirSync(dirname(options.to), { recursive: true });
  options.onStart?.(expectedEntries);
  const sink = openSink(format, options, expectedEntries);
  const series = new SeriesCollector();
  const counts = { ok: 0, failed: 0, skipped: 0 };
  const unreadableLines: UnreadableLine[] = [];
  try {
    for await (const entry of readOutputDirAhead(options.outDir, { json: format === ".jsonl" }, (line) => unreadableLines.push(line))) {
      counts[entry.line.status]++;
      sink.add(entry);
      series.add(entry);
      options.onEntry?.(entry.line);
      options.signal?.throwIfAborted();
    }
  } catch (error) {
    sink.abandon();
    throw error;
  }
  const outcome = series.check(givenGroups);
  sink.finish(outcome);
  const seriesFile = seriesFilePath(options.to);
  writeSeriesFile(seriesFile, outcome);
  return { format, ...counts, issuerGroups: outcome.groups.length, seriesFindings: outcome.findings.length, seriesFile, unreadableLines };
}

function openSink(format: ExportFormat, options: ExportOptions, expectedEntries: number): ExportSink {
  switch (format) {
    case ".sqlite":
      return new SqliteSink(options.to, expectedEntries);
    case ".jsonl":
      return new JsonlSink(options.to);
    case ".csv":
      return new CsvSink(options.to, { wide: options.wide ?? false, excel: options.excel ?? false });
    case ".parquet":
      return new ParquetSink(options.to);
  }
}
