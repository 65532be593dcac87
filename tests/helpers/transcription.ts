import { readFileSync } from "node:fs";
import { TEMPLATES } from "../../src/template/index.js";

/** A hand transcription of one report's tables (tests/expected/README.md, tests/corpus/SOURCES.md). */
export interface Transcription {
  meta?: { title: string | null; issuer: string | null; year: number | null; publishDate: string | null };
  template: string | null;
  disclosure?: Record<string, number | null>;
  applications?: Record<string, (number | null)[]>;
  reviewLitigation?: (number | null)[];
  notes?: string;
}

export function readTranscription(path: string): Transcription {
  return JSON.parse(readFileSync(path, "utf8")) as Transcription;
}

/** A transcription's table values as canonical path → value (the cells of its template version's rows). */
export function transcribedValues(file: Transcription): Map<string, number | null> {
  const values = new Map<string, number | null>();
  const template = file.template === null ? undefined : TEMPLATES.get(file.template);
  if (!template) return values;
  const applicantColumns = template.table("applications").columns.map((c) => c.key);
  const review = template.table("reviewLitigation");
  for (const [path, value] of Object.entries(file.disclosure ?? {})) values.set(`activeDisclosure.${path}`, value);
  for (const [row, cells] of Object.entries(file.applications ?? {})) {
    cells.forEach((value, i) => {
      values.set(`applications.${row}.${applicantColumns[i]}`, value);
    });
  }
  const width = review.columns.length;
  (file.reviewLitigation ?? []).forEach((value, i) => {
    values.set(`reviewLitigation.${review.rows[Math.floor(i / width)]!.key}.${review.columns[i % width]!.key}`, value);
  });
  return values;
}
