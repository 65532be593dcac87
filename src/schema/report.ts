import * as z from "zod";
import { TEMPLATES, type TemplateSet } from "../template/index.js";
import { ruleId } from "./rules.js";
import { tablesSchema } from "./tables.js";
import { SCHEMA_VERSION } from "./version.js";

export { SCHEMA_VERSION };

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

/**
 * What a value is, decided where it is read: `printed` a number as printed; `blank` an empty cell;
 * `placeholder` —, /, 无 and the like; `inferred` recovered from text whose cells ran together (the
 * table's sums chose it); `unread` a cell that could not be read (text where a number belongs, an
 * amount without a unit, cells run together past telling apart); `absent` the source prints no such
 * cell (its row or table was not found); `corrected` set by a person's correction. Only printed,
 * inferred and corrected values are numbers; blank, placeholder and absent count as 0 in the checks'
 * sums, an unread one stops every relation through it.
 */
export const VALUE_STATES = ["printed", "blank", "placeholder", "inferred", "unread", "absent", "corrected"] as const;
export const valueState = z.enum(VALUE_STATES);

export const provenanceEntry = z.strictObject({
  state: valueState,
  raw: z.string().describe("the cell text as printed"),
  unit: z.string().nullable().describe("the unit found in the cell or its column label"),
  label: z.string().describe("the source row and column labels the value was read under"),
  at: locator,
  note: z.string().optional().describe("how the value was derived, when not read verbatim"),
});

export const finding = z.strictObject({
  rule: ruleId,
  severity: z.enum(["error", "warning"]),
  paths: z.array(z.string()),
  expected: z.number().nullable().optional().describe("the left side's sum; null when every cell of it is blank"),
  actual: z.number().nullable().optional().describe("the right side's sum; null when every cell of it is blank"),
  blankPaths: z.array(z.string()).optional().describe("the paths among `paths` that are blank (counted as 0)"),
  message: z.string(),
  at: locator.optional(),
});

/** The report as the given template versions shape it: their version names and their tables. */
function reportSchemaOf(templates: TemplateSet) {
  return z.strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    meta,
    template: z.enum(templates.versions.map((t) => t.version) as [string, ...string[]]).nullable(),
    sections: z.array(section),
    tables: tablesSchema(templates),
    provenance: z.record(z.string(), provenanceEntry),
    findings: z.array(finding),
    source,
  });
}

export const report = reportSchemaOf(TEMPLATES);
export const templateVersion = report.shape.template;

const validators = new WeakMap<TemplateSet, typeof report>();

/**
 * The report schema as every converted report is checked against it, with its two costliest parts
 * to check compiled by zod (z.compile: generated code accepts a valid value, the runtime parser
 * still reports an invalid one, so errors read the same): 0.7 → 0.2 ms a report. The whole schema
 * cannot be compiled (the section tree is recursive), nor is the table tree worth it (19 ms to
 * compile for 0.1 ms a report). Compiled on first use, in the thread that converts.
 */
export function reportValidator(templates: TemplateSet = TEMPLATES): typeof report {
  let validator = validators.get(templates);
  if (!validator) {
    const schema = templates === TEMPLATES ? report : reportSchemaOf(templates);
    validator = z.strictObject({ ...schema.shape, provenance: z.compile(schema.shape.provenance), findings: z.compile(schema.shape.findings) });
    validators.set(templates, validator);
  }
  return validator;
}

export type Report = z.infer<typeof report>;
export type Meta = z.infer<typeof meta>;
export type Finding = z.infer<typeof finding>;
export type ProvenanceEntry = z.infer<typeof provenanceEntry>;
export type Locator = z.infer<typeof locator>;
export type SourceInfo = z.infer<typeof source>;
export type ValueState = z.infer<typeof valueState>;
