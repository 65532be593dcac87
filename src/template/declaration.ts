import * as z from "zod";
import { ruleId } from "../schema/rules.js";

/**
 * The shape of a declared template version: everything nianbao knows about one version of the
 * national template, as data. Readers of 表二/三/四, the flattened-text solver, the checks, the
 * template decision and the report schema all derive from declarations of this shape, so a new
 * version (or a new label variant) is a new declaration and nothing else.
 */

/** What a cell may hold: counts have no sign or decimals; a signed change may be negative; amounts may have decimals and a unit. */
export const cellKind = z.enum(["count", "signed", "amount"]);

/** The keys of the statistical tables, in print order; each maps to `tables.<key>` in a report. */
export const TABLE_KEYS = ["activeDisclosure", "applications", "reviewLitigation"] as const;
export const tableKey = z.enum(TABLE_KEYS);

const key = z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/);

export const columnDeclaration = z.strictObject({
  key,
  /** The label as fields.json gives it. */
  label: z.string(),
  /** Other printings of the label, as real reports have them. */
  variants: z.array(z.string()).default([]),
  /** A unit the label states in brackets (本年收费金额（单位：万元）) is read from the label as printed. */
  kind: cellKind,
});

export const rowDeclaration = z.strictObject({
  /** The row's path below the table, e.g. `results.denied.stateSecret`. */
  key,
  /** The label as fields.json gives it, numbering included. */
  label: z.string(),
  variants: z.array(z.string()).default([]),
  /**
   * A label that means this row only under the named group label: 3.其他 is （六）3.其他 only under
   * （六）其他处理, a bare 其他 anywhere else is not this row.
   */
  under: z.string().optional(),
  /** The row's columns (表二's rows differ); all of the table's columns when left out. */
  columns: z.array(key).optional(),
  /**
   * A row some reports of this version print although the version has no place for it (a 2021 report
   * printing the 2019 one-row （六）其他处理): read and checked when printed, absent otherwise, and not
   * among the version's canonical paths.
   */
  tolerated: z.boolean().default(false),
});

export const tableDeclaration = z.strictObject({
  key: tableKey,
  /** What a person calls it: 表二. */
  name: z.string(),
  /**
   * How the cells are laid out:
   * - `headerBlocks`: blocks of a header row (its first cell `header`) naming the columns, over rows of
   *   a row label and its cells (表二);
   * - `rowPerLine`: each row's label, then one cell per column in the declared order (表三);
   * - `singleRow`: one data row holding every row's cells, row after row, in the declared order (表四).
   */
  layout: z.enum(["headerBlocks", "rowPerLine", "singleRow"]),
  /** Patterns (regular expressions) of text that, found in a table row, starts this table. */
  markers: z.array(z.string()),
  /** In text whose table cells ran together: the labels after which the table starts, first found wins. */
  textStarts: z.array(z.string()),
  /** `headerBlocks`: the first cell of a header row. */
  header: z.string().optional(),
  /** Patterns of a row label that continues this table in a later table block (a page break). */
  continuation: z.string().optional(),
  columns: z.array(columnDeclaration).min(1),
  rows: z.array(rowDeclaration).min(1),
});

/** A relation the printed numbers must satisfy: Σ left = Σ right, once per column or once per row. */
export const relationDeclaration = z.strictObject({
  rule: ruleId,
  table: tableKey,
  /**
   * `column`: left and right name rows (a trailing `*` takes every row below a prefix, a leading `!`
   * leaves a row out), checked in each column; `row`: they name columns, checked in each row.
   */
  per: z.enum(["column", "row"]),
  left: z.array(z.string()).min(1),
  right: z.array(z.string()).min(1),
  /** `{label}` the column's label or `{key}` the row's key; `{left}` and `{right}` the two sums. */
  message: z.string(),
});

/** A figure the prose of a report states, and the cells whose sum it is. */
export const proseStatementDeclaration = z.strictObject({
  /** A regular expression whose first group is the figure. */
  pattern: z.string(),
  paths: z.array(z.string()).min(1),
  what: z.string(),
});

export const templateDeclaration = z.strictObject({
  version: z.string().regex(/^\d{4}$/),
  /** Reports of this year on are printed in this version, when their tables do not tell. */
  fromYear: z.number().int(),
  /**
   * What only this version prints, strongest first: 表二 column keys, then 表三 row keys, then text
   * that, found after 表三 starts in text whose cells ran together, says this version.
   */
  signs: z.strictObject({
    disclosureColumns: z.array(key),
    applicationRows: z.array(key),
    flattenedText: z.array(z.string()),
  }),
  tables: z.array(tableDeclaration).length(TABLE_KEYS.length),
  relations: z.array(relationDeclaration),
  prose: z.array(proseStatementDeclaration),
});

export type CellKind = z.infer<typeof cellKind>;
export type TableKey = z.infer<typeof tableKey>;
export type ColumnDeclaration = z.infer<typeof columnDeclaration>;
export type RowDeclaration = z.infer<typeof rowDeclaration>;
export type TableDeclaration = z.infer<typeof tableDeclaration>;
export type RelationDeclaration = z.infer<typeof relationDeclaration>;
export type TemplateDeclaration = z.infer<typeof templateDeclaration>;
/** A declaration as written, before zod fills in defaults. */
export type TemplateInput = z.input<typeof templateDeclaration>;
