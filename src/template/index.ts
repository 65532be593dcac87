import {
  type ColumnDeclaration,
  type RelationDeclaration,
  type RowDeclaration,
  TABLE_KEYS,
  type TableDeclaration,
  type TableKey,
  type TemplateDeclaration,
  type TemplateInput,
  templateDeclaration,
} from "./declaration.js";
import { TEMPLATE_2019 } from "./versions/v2019.js";
import { TEMPLATE_2021 } from "./versions/v2021.js";

export type { CellKind, ColumnDeclaration, RowDeclaration, TableDeclaration, TableKey, TemplateInput } from "./declaration.js";
export { TABLE_KEYS } from "./declaration.js";

/** One canonical path of a template version, with the labels it is printed under. */
export interface Field {
  path: string;
  table: TableKey;
  row: RowDeclaration;
  column: ColumnDeclaration;
}

/** A relation made concrete: the paths of each side, and its message with the column or row named. */
export interface Relation {
  rule: RelationDeclaration["rule"];
  left: string[];
  right: string[];
  describe: (left: string, right: string) => string;
}

export interface ProseStatement {
  pattern: RegExp;
  paths: string[];
  what: string;
}

/** A declared template version, checked and with what the stages look up derived once. */
export class Template {
  readonly version: string;
  readonly fromYear: number;
  readonly signs: TemplateDeclaration["signs"];
  readonly tables: readonly TableDeclaration[];
  /** The canonical paths, in print order: the paths every report of this version carries. */
  readonly fields: readonly Field[];
  /** The canonical paths and the tolerated ones (printed by some reports only). */
  readonly readable: readonly Field[];
  readonly relations: readonly Relation[];
  readonly prose: readonly ProseStatement[];
  private readonly canonical: ReadonlySet<string>;
  private readonly byPath: ReadonlyMap<string, Field>;

  constructor(declaration: TemplateDeclaration) {
    this.version = declaration.version;
    this.fromYear = declaration.fromYear;
    this.signs = declaration.signs;
    this.tables = TABLE_KEYS.map((key) => {
      const table = declaration.tables.find((t) => t.key === key);
      if (!table) throw new Error(`template ${declaration.version} declares no table ${key}`);
      return table;
    });
    this.readable = this.tables.flatMap(fieldsOfTable);
    this.fields = this.readable.filter((f) => !f.row.tolerated);
    this.canonical = new Set(this.fields.map((f) => f.path));
    this.byPath = new Map(this.readable.map((f) => [f.path, f]));
    this.relations = declaration.relations.flatMap((r) => expandRelation(r, this.table(r.table)));
    this.prose = declaration.prose.map((p) => ({ pattern: new RegExp(p.pattern, "g"), paths: p.paths, what: p.what }));
  }

  table(key: TableKey): TableDeclaration {
    return this.tables.find((t) => t.key === key)!;
  }

  /** A canonical path of this version. */
  has(path: string): boolean {
    return this.canonical.has(path);
  }

  /** A path this version reads: canonical or tolerated. */
  field(path: string): Field | undefined {
    return this.byPath.get(path);
  }
}

function fieldsOfTable(table: TableDeclaration): Field[] {
  return table.rows.flatMap((row) =>
    table.columns
      .filter((column) => row.columns === undefined || row.columns.includes(column.key))
      .map((column) => ({ path: `${table.key}.${row.key}.${column.key}`, table: table.key, row, column })),
  );
}

/** The rows a side of a per-column relation names: `x` itself, `x.*` every row below x, `!x` not x. */
function selectRows(table: TableDeclaration, patterns: readonly string[]): RowDeclaration[] {
  const excluded = new Set(patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1)));
  const wanted = patterns.filter((p) => !p.startsWith("!"));
  return table.rows.filter(
    (row) => !excluded.has(row.key) && wanted.some((p) => (p.endsWith(".*") ? row.key.startsWith(p.slice(0, -1)) : row.key === p)),
  );
}

function expandRelation(relation: RelationDeclaration, table: TableDeclaration): Relation[] {
  const fill = (label: string, key: string) => (left: string, right: string) =>
    relation.message.replaceAll("{label}", label).replaceAll("{key}", key).replaceAll("{left}", left).replaceAll("{right}", right);
  if (relation.per === "column") {
    const left = selectRows(table, relation.left);
    const right = selectRows(table, relation.right);
    return table.columns.map((column) => ({
      rule: relation.rule,
      left: left.map((row) => `${table.key}.${row.key}.${column.key}`),
      right: right.map((row) => `${table.key}.${row.key}.${column.key}`),
      describe: fill(column.label, column.key),
    }));
  }
  return table.rows.flatMap((row) => {
    const has = (key: string) => row.columns === undefined || row.columns.includes(key);
    if (!relation.right.every(has)) return [];
    return [
      {
        rule: relation.rule,
        left: relation.left.filter(has).map((key) => `${table.key}.${row.key}.${key}`),
        right: relation.right.map((key) => `${table.key}.${row.key}.${key}`),
        describe: fill(row.label, row.key),
      },
    ];
  });
}

/** Checks a declaration and derives its lookups: the one way a template version comes in. */
export function defineTemplate(input: TemplateInput): Template {
  return new Template(templateDeclaration.parse(input));
}

/**
 * The versions nianbao knows, oldest first, and what reading needs across all of them: a report is
 * read by every version's labels before its version is decided.
 */
export class TemplateSet {
  readonly versions: readonly Template[];
  /** Newest first: the order in which versions are tried when their signs are looked for. */
  readonly newestFirst: readonly Template[];
  /** Every canonical path of every version, in first-seen order, oldest version first. */
  readonly allPaths: readonly string[];

  constructor(versions: readonly Template[]) {
    this.versions = [...versions].sort((a, b) => a.fromYear - b.fromYear);
    this.newestFirst = [...this.versions].reverse();
    this.allPaths = [...new Set(this.versions.flatMap((t) => t.fields.map((f) => f.path)))];
  }

  get(version: string): Template | undefined {
    return this.versions.find((t) => t.version === version);
  }

  /** The version a report of `year` is printed in, when its tables do not tell. */
  forYear(year: number): Template | undefined {
    return this.newestFirst.find((t) => year >= t.fromYear);
  }

  /** Every version's declaration of one table, newest first (its labels win where two differ). */
  tableDeclarations(key: TableKey): TableDeclaration[] {
    return this.newestFirst.map((t) => t.table(key));
  }
}

export const TEMPLATES = new TemplateSet([defineTemplate(TEMPLATE_2019), defineTemplate(TEMPLATE_2021)]);
