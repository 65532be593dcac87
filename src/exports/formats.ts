/** The export formats, by file extension; kept apart so the CLI can list them without loading the writers. */
export const EXPORT_FORMATS = [".sqlite", ".jsonl", ".csv", ".parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
