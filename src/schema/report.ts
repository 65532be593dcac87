import * as z from "zod";
import { TEMPLATE_VERSIONS } from "./fields.js";
import { tables } from "./tables.js";
import { SCHEMA_VERSION } from "./version.js";

export { SCHEMA_VERSION };

export const templateVersion = z.enum(TEMPLATE_VERSIONS).nullable();

/** Where something is in the source: the table and grid slot, or the line, or the page. */
export const locator = z.strictObject({
  block: z.number().int().optional().describe("index of the block (paragraph or table) in reading order"),
  table: z.number().int().optional().describe("index of the table among the document's tables"),
  row: z.number().int().optional(),
  column: z.number().int().optional(),
  line: z.number().int().optional(),
  page: z.number().int().optional(),
});

export const meta = z.strictObject({
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  year: z.number().int().nullable(),
  publishDate: z.iso.date().nullable(),
});

export const source = z.strictObject({
  file: z.string(),
  format: z.enum(["text", "html", "docx", "pdf", "doc"]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  encoding: z.string().nullable(),
  via: z.string().nullable().describe("how the reader got the content when not directly"),
});

export interface SectionNode {
  key?: string | undefined;
  title: string;
  number?: string | undefined;
  level: number;
  paragraphs: string[];
  children: SectionNode[];
}

export const SECTION_KEYS = [
  "overview",
  "activeDisclosure",
  "applications",
  "reviewLitigation",
  "problems",
  "other",
] as const;

export const section: z.ZodType<SectionNode> = z.lazy(() =>
  z.strictObject({
    key: z.enum(SECTION_KEYS).optional(),
    title: z.string(),
    number: z.string().optional().describe("the numbering as printed: 一、 （一） 1."),
    level: z.number().int().min(1),
    paragraphs: z.array(z.string()),
    children: z.array(section),
  }),
);

export const provenanceEntry = z.strictObject({
  raw: z.string().describe("the cell text as printed"),
  unit: z.string().nullable().describe("the unit found in the cell or its column label"),
  label: z.string().describe("the source row and column labels the value was read under"),
  at: locator,
  note: z.string().optional().describe("how the value was derived, when not read verbatim"),
});

export const finding = z.strictObject({
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  paths: z.array(z.string()),
  expected: z.number().nullable().optional(),
  actual: z.number().nullable().optional(),
  message: z.string(),
  at: locator.optional(),
});

export const report = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  meta,
  template: templateVersion,
  sections: z.array(section),
  tables,
  provenance: z.record(z.string(), provenanceEntry),
  findings: z.array(finding),
  source,
});

let compiledReport: typeof report | undefined;

/**
 * The report schema as every converted report is checked against it, with its two costliest parts
 * to check compiled by zod (z.compile: generated code accepts a valid value, the runtime parser
 * still reports an invalid one, so errors read the same): 0.7 → 0.2 ms a report. The whole schema
 * cannot be compiled (the section tree is recursive), nor is the table tree worth it (19 ms to
 * compile for 0.1 ms a report). Compiled on first use, in the thread that converts.
 */
export function reportValidator(): typeof report {
  compiledReport ??= z.strictObject({
    ...report.shape,
    provenance: z.compile(report.shape.provenance),
    findings: z.compile(report.shape.findings),
  });
  return compiledReport;
}

export type Report = z.infer<typeof report>;
export type Meta = z.infer<typeof meta>;
export type Finding = z.infer<typeof finding>;
export type ProvenanceEntry = z.infer<typeof provenanceEntry>;
export type Locator = z.infer<typeof locator>;
export type SourceInfo = z.infer<typeof source>;
export type Template = z.infer<typeof templateVersion>;
