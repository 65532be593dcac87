import * as z from "zod";
import { type Field, type RowDeclaration, TABLE_KEYS, type TemplateSet } from "../template/index.js";

/** A table cell as the report printed it: a number, or null where the cell is not a number (see the value's state). */
const cell = z.number().nullable();

/** The values of one template table, nested by path: `applications.received.total` is `.received.total`. */
export interface TableValues {
  [key: string]: number | null | TableValues;
}

/** A table the template does not know (old-style 统计表, attachments), kept as a plain grid. */
export const genericTable = z.strictObject({
  block: z.number().int().describe("index of the table among the document's blocks"),
  caption: z.string().nullable().describe("the paragraph just before the table"),
  headerRows: z.number().int().describe("how many leading rows are headers (no numeric cell)"),
  rows: z.array(z.array(z.string())).describe("cell text per grid slot; a merged cell repeats in every slot it covers"),
});

const tableValues: z.ZodType<TableValues> = z.lazy(() => z.record(z.string(), z.union([cell, tableValues])));

/** The shape every report's tables have, whatever its template version: what TypeScript sees. */
const anyTables = z.strictObject({
  activeDisclosure: tableValues.optional(),
  applications: tableValues.optional(),
  reviewLitigation: tableValues.optional(),
  other: z.array(genericTable),
});

export type Tables = z.infer<typeof anyTables>;
export type GenericTable = z.infer<typeof genericTable>;

/**
 * The tables as the declared template versions lay them out: each table one of its versions' exact
 * shapes (strict objects, so a path no version has is refused), built from the declarations, so a
 * new version is checked and described (`nianbao schema`) without a line of schema code.
 */
export function tablesSchema(templates: TemplateSet): z.ZodType<Tables> {
  const byTable = Object.fromEntries(
    TABLE_KEYS.map((key) => {
      const shapes = templates.versions.map((t) => nestedShape(t.readable.filter((f) => f.table === key)));
      return [key, (shapes.length === 1 ? shapes[0]! : z.union(shapes)).optional()];
    }),
  );
  // The exact shapes are built at run time from data, so TypeScript cannot follow them; what they
  // accept is a subset of anyTables, which is what the rest of the code is typed against.
  return z.strictObject({ ...byTable, other: z.array(genericTable) }) as unknown as z.ZodType<Tables>;
}

/** Strict objects nested by the rows' keys, each row a strict object of its cells; a tolerated row may be missing. */
function nestedShape(fields: readonly Field[]): z.ZodType {
  const rows = new Map<RowDeclaration, string[]>();
  for (const field of fields) rows.set(field.row, [...(rows.get(field.row) ?? []), field.column.key]);
  const root: Record<string, unknown> = {};
  for (const [row, columns] of rows) {
    const keys = row.key.split(".");
    let node = root;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const shape = z.strictObject(Object.fromEntries(columns.map((c) => [c, cell])));
    node[keys[keys.length - 1]!] = row.tolerated ? shape.optional() : shape;
  }
  const build = (node: Record<string, unknown>): z.ZodType =>
    z.strictObject(Object.fromEntries(Object.entries(node).map(([k, v]) => [k, v instanceof z.ZodType ? v : build(v as Record<string, unknown>)])));
  return build(root);
}
