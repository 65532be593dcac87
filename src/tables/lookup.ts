import type { ColumnDeclaration, RowDeclaration, TableKey, TemplateSet } from "../template/index.js";
import { coreLabel, normalizeLabel } from "./match.js";

/**
 * What reading needs from the declared templates, looked up once per set of versions: a report is
 * read by the labels of every version before its version is decided (表二's columns decide it).
 */
export interface ReadingLookup {
  /** Text that, found in a row, says which table the rows from there on belong to. */
  markers: { kind: TableKey; pattern: RegExp }[];
  disclosure: {
    /** The first cell of a header row (信息内容), as text and as a whole-cell pattern. */
    headerText: string;
    header: RegExp;
    /** Row label core → row key. */
    rows: ReadonlyMap<string, string>;
    /** Column label (normalized, without a bracketed note) → column. */
    columns: ReadonlyMap<string, ColumnDeclaration>;
    continuation: (texts: readonly string[]) => boolean;
  };
  applications: {
    columns: readonly ColumnDeclaration[];
    /** Row label core → row key, for rows whose label alone names them. */
    rows: ReadonlyMap<string, string>;
    /** Rows that are told apart only under their group (3.其他 under （六）其他处理). */
    underGroup: readonly { core: string; key: string; group: string }[];
    /** Row key → the core of the group its siblings need (a row read there opens the group for the next). */
    groupOf: ReadonlyMap<string, string>;
    continuation: (texts: readonly string[]) => boolean;
  };
  reviewLitigation: { rows: readonly RowDeclaration[]; columns: readonly ColumnDeclaration[] };
}

const cache = new WeakMap<TemplateSet, ReadingLookup>();

export function readingLookup(templates: TemplateSet): ReadingLookup {
  let lookup = cache.get(templates);
  if (!lookup) {
    lookup = buildLookup(templates);
    cache.set(templates, lookup);
  }
  return lookup;
}

/** A column label as matched: normalized, its bracketed note (（单位：万元）) left to the reader. */
export function columnLabelKey(label: string): string {
  return normalizeLabel(label).replace(/（[^（）]*）$/, "");
}

function buildLookup(templates: TemplateSet): ReadingLookup {
  const declarations = (key: TableKey) => templates.tableDeclarations(key);
  const markers = (["activeDisclosure", "applications", "reviewLitigation"] as const).flatMap((kind) =>
    [...new Set(declarations(kind).flatMap((t) => t.markers))].map((source) => ({ kind, pattern: new RegExp(source) })),
  );
  const printed = (row: { label: string; variants: string[] }) => [row.label, ...row.variants];

  const disclosureRows = new Map<string, string>();
  const disclosureColumns = new Map<string, ColumnDeclaration>();
  for (const table of declarations("activeDisclosure")) {
    for (const row of table.rows) for (const label of printed(row)) if (!disclosureRows.has(coreLabel(label))) disclosureRows.set(coreLabel(label), row.key);
    for (const column of table.columns) {
      for (const label of printed(column)) if (!disclosureColumns.has(columnLabelKey(label))) disclosureColumns.set(columnLabelKey(label), column);
    }
  }

  const applicationRows = new Map<string, string>();
  const underGroup: { core: string; key: string; group: string }[] = [];
  const groupOf = new Map<string, string>();
  const applications = declarations("applications");
  for (const table of applications) {
    for (const row of table.rows) {
      if (row.under !== undefined) {
        const group = coreLabel(row.under);
        for (const label of printed(row)) underGroup.push({ core: coreLabel(label), key: row.key, group });
        // Its siblings (the rows of the same parent, but not the group's own one-row form) open the group.
        const parent = row.key.slice(0, row.key.lastIndexOf(".") + 1);
        for (const sibling of table.rows) if (sibling.key.startsWith(parent) && coreLabel(sibling.label) !== group) groupOf.set(sibling.key, group);
        continue;
      }
      for (const label of printed(row)) if (!applicationRows.has(coreLabel(label))) applicationRows.set(coreLabel(label), row.key);
    }
  }
  const newest = (key: TableKey) => declarations(key)[0]!;
  const continuationOf = (key: TableKey) => {
    const source = newest(key).continuation;
    return source === undefined ? undefined : new RegExp(source);
  };
  const applicationContinuation = continuationOf("applications");
  return {
    markers,
    disclosure: {
      headerText: newest("activeDisclosure").header ?? "",
      header: new RegExp(`^${newest("activeDisclosure").header ?? "$^"}$`),
      rows: disclosureRows,
      columns: disclosureColumns,
      continuation: (texts) => texts.some((t) => disclosureRows.has(coreLabel(t))),
    },
    applications: {
      columns: newest("applications").columns,
      rows: applicationRows,
      underGroup,
      groupOf,
      continuation: (texts) => applicationContinuation !== undefined && texts.some((t) => applicationContinuation.test(t.replace(/\s+/g, ""))),
    },
    reviewLitigation: { rows: newest("reviewLitigation").rows, columns: newest("reviewLitigation").columns },
  };
}
