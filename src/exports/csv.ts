import { TEMPLATES } from "../template/index.js";
import type { ExportedReport, ExportEntry } from "./output-dir.js";
import type { ExportSink } from "./sink.js";
import { TextFile } from "./text-file.js";

export interface CsvOptions {
  /** One row per report and one column per canonical path, instead of one row per value. */
  wide: boolean;
  /** Starts the file with a UTF-8 BOM, without which Excel reads UTF-8 as the local code page. */
  excel: boolean;
}

type Field = string | number | null;

const IDENTITY_COLUMNS = ["file", "sha256", "issuer", "year", "template"] as const;
export const TIDY_COLUMNS = [...IDENTITY_COLUMNS, "path", "value", "raw", "unit"] as const;
export const WIDE_COLUMNS = [...IDENTITY_COLUMNS, ...TEMPLATES.allPaths];

/** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled; null is empty. */
export function csvField(field: Field): string {
  if (field === null) return "";
  const text = String(field);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(fields: readonly Field[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Converted reports only: a failed or skipped input has no values (the sqlite export keeps those). */
export class CsvSink implements ExportSink {
  private readonly file: TextFile;

  constructor(
    path: string,
    private readonly options: CsvOptions,
  ) {
    this.file = new TextFile(path);
    if (options.excel) this.file.write("\uFEFF");
    this.file.write(csvRecord(options.wide ? WIDE_COLUMNS : TIDY_COLUMNS));
  }

  add({ line, report }: ExportEntry): void {
    if (!report) return;
    const identity = [line.input, report.source.sha256, report.meta.issuer, report.meta.year, report.template];
    if (this.options.wide) this.file.write(csvRecord([...identity, ...wideValues(report)]));
    else {
      const { path, value, raw, unit } = report.values;
      for (let i = 0; i < path.length; i++) this.file.write(csvRecord([...identity, path[i]!, value[i] ?? null, raw[i] ?? null, unit[i] ?? null]));
    }
  }

  finish(): void {
    this.file.commit();
  }

  abandon(): void {
    this.file.abandon();
  }
}

/** The report's value under each of TEMPLATES.allPaths; a path outside its template is empty, like a blank cell. */
function wideValues(report: ExportedReport): Field[] {
  const { path, value } = report.values;
  const byPath = new Map(path.map((p, i) => [p, value[i] ?? null]));
  return TEMPLATES.allPaths.map((p) => byPath.get(p) ?? null);
}
