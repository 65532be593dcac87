import type { ExportEntry } from "./output-dir.js";
import type { ExportSink } from "./sink.js";
import { TextFile } from "./text-file.js";

/** One converted report per line, the report JSON exactly as convert wrote it (minus the indentation). */
export class JsonlSink implements ExportSink {
  private readonly file: TextFile;

  constructor(path: string) {
    this.file = new TextFile(path);
  }

  add({ report }: ExportEntry): void {
    if (report?.json) this.file.write(`${report.json}\n`);
  }

  finish(): void {
    this.file.commit();
  }

  abandon(): void {
    this.file.abandon();
  }
}
