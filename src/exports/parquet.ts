import { renameSync, rmSync } from "node:fs";
import { type BasicType, type ColumnSource, fileWriter, ParquetWriter, schemaFromColumnData, type Writer } from "hyparquet-writer";
import type { ExportEntry } from "./output-dir.js";
import type { ExportSink } from "./sink.js";
import { temporaryPathOf } from "../writers/files.js";

/** Rows per row group: a few MB of column buffers, so memory stays flat however many reports. */
const ROW_GROUP_ROWS = 100_000;

/** The tidy table of the CSV export (one row per value), typed: value DOUBLE, year INT32, text UTF8. */
const COLUMNS = [
  { name: "file", type: "STRING", nullable: false },
  { name: "sha256", type: "STRING", nullable: false },
  { name: "issuer", type: "STRING", nullable: true },
  { name: "year", type: "INT32", nullable: true },
  { name: "template", type: "STRING", nullable: true },
  { name: "path", type: "STRING", nullable: false },
  { name: "value", type: "DOUBLE", nullable: true },
  { name: "raw", type: "STRING", nullable: true },
  { name: "unit", type: "STRING", nullable: true },
] as const satisfies readonly { name: string; type: BasicType; nullable: boolean }[];

type ColumnName = (typeof COLUMNS)[number]["name"];

/** Converted reports only, like the CSV; written to a temporary name and renamed when complete. */
export class ParquetSink implements ExportSink {
  private readonly temporary: string;
  private readonly writer: Writer;
  private readonly parquet: ParquetWriter;
  private columns = emptyColumns();
  private rows = 0;

  constructor(private readonly path: string) {
    this.temporary = temporaryPathOf(path);
    this.writer = fileWriter(this.temporary);
    this.parquet = new ParquetWriter({ writer: this.writer, schema: schemaFromColumnData({ columnData: this.columnData() }) });
  }

  add({ line, report }: ExportEntry): void {
    if (!report) return;
    const c = this.columns;
    const { path, value, raw, unit } = report.values;
    for (let i = 0; i < path.length; i++) {
      c.file.push(line.input);
      c.sha256.push(report.source.sha256);
      c.issuer.push(report.meta.issuer);
      c.year.push(report.meta.year);
      c.template.push(report.template);
    }
    c.path.push(...path);
    c.value.push(...value);
    c.raw.push(...raw);
    c.unit.push(...unit);
    this.rows += path.length;
    if (this.rows >= ROW_GROUP_ROWS) this.flush();
  }

  finish(): void {
    this.flush();
    this.parquet.finish();
    renameSync(this.temporary, this.path);
  }

  abandon(): void {
    rmSync(this.temporary, { force: true });
  }

  private flush(): void {
    if (this.rows === 0) return;
    this.parquet.write({ columnData: this.columnData(), rowGroupSize: this.rows });
    this.columns = emptyColumns();
    this.rows = 0;
  }

  private columnData(): ColumnSource[] {
    return COLUMNS.map((column) => ({ ...column, data: this.columns[column.name] }));
  }
}

function emptyColumns(): Record<ColumnName, (string | number | null)[]> {
  return { file: [], sha256: [], issuer: [], year: [], template: [], path: [], value: [], raw: [], unit: [] };
}
