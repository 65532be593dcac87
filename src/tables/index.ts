import type { Document, Table } from "../readers/document.js";
import type { Finding, ProvenanceEntry } from "../schema/report.js";
import type { GenericTable, Tables } from "../schema/tables.js";
import { type TableKey, type Template, TEMPLATES, type TemplateSet } from "../template/index.js";
import { readActiveDisclosure } from "./active-disclosure.js";
import { readApplications } from "./applications.js";
import { readFlattenedTables } from "./flattened/index.js";
import { genericTable } from "./generic.js";
import { type ReadingLookup, readingLookup } from "./lookup.js";
import type { RegionRow } from "./region.js";
import { readReviewLitigation } from "./review-litigation.js";
import { logicalRows, rowText } from "./rows.js";
import type { ReadValue } from "./values.js";

export interface TableResult {
  template: Template | null;
  tables: Tables;
  /** The same values flat, canonical path → value, for the checks. */
  values: Map<string, number | null>;
  /** Every path of `values`, with its state. */
  provenance: Record<string, ProvenanceEntry>;
  findings: Finding[];
}

/**
 * Locates 表二/表三/表四 by their labels (not their position), reads each by its own labels, decides
 * the template from 表二's columns, and lays the values out on the template's canonical paths.
 */
export function readTables(doc: Document, year: number | null, templates: TemplateSet = TEMPLATES): TableResult {
  const lookup = readingLookup(templates);
  const findings: Finding[] = [];
  const regions: Record<TableKey, RegionRow[]> = { activeDisclosure: [], applications: [], reviewLitigation: [] };
  const other: GenericTable[] = [];
  let tableIndex = 0;
  doc.blocks.forEach((block, blockIndex) => {
    if (block.kind !== "table") return;
    const table = tableIndex++;
    if (!assignRows(block, { table, block: blockIndex }, regions, lookup)) {
      const previous = doc.blocks[blockIndex - 1];
      other.push(genericTable(block, blockIndex, previous?.kind === "paragraph" ? previous.text : null));
    }
  });
  const gridValues = [
    ...readActiveDisclosure(regions.activeDisclosure, lookup.disclosure, findings),
    ...readApplications(regions.applications, lookup.applications, findings),
    ...readReviewLitigation(regions.reviewLitigation, lookup.reviewLitigation, findings),
  ];
  // No table grid at all: the page text may still carry the tables with their cells run together.
  const values = gridValues.length > 0 || tableIndex > 0 ? gridValues : readFlattenedTables(doc, templates, findings);
  const template = decideTemplate(values, year, templates);
  if (template === null) {
    findings.push({
      rule: "template.none",
      severity: "warning",
      paths: [],
      message:
        values.length === 0
          ? "no 表二/表三/表四 of the 2019 or 2021 template found (pre-2019 reports use an old-style 统计表); tables kept as generic grids"
          : "statistical tables found but the template version could not be decided; values not mapped",
    });
    return { template, tables: { other }, values: new Map(), provenance: {}, findings };
  }
  return { template, ...layOut(template, values, other, findings), findings };
}

/**
 * Sends each row to the table it belongs to: a marker row (第二十条…, 勾稽关系…, 行政复议…) switches
 * the table; a table with no marker that continues 表二 or 表三 (page break in the source) is
 * recognised by its row labels. Returns false when the table holds none of the three.
 */
function assignRows(block: Table, place: { table: number; block: number }, regions: Record<TableKey, RegionRow[]>, lookup: ReadingLookup): boolean {
  let kind: TableKey | undefined;
  let assigned = false;
  for (const row of logicalRows(block)) {
    const text = rowText(row);
    kind = lookup.markers.find((m) => m.pattern.test(text))?.kind ?? kind ?? continuationKind(row.cells.map((c) => c.text), regions, lookup);
    if (!kind) continue;
    regions[kind].push({ row, ...place });
    assigned = true;
  }
  return assigned;
}

/** Only a table already begun (with its marker) in an earlier block can continue. */
function continuationKind(texts: string[], regions: Record<TableKey, RegionRow[]>, lookup: ReadingLookup): TableKey | undefined {
  const begun = (kind: TableKey) => regions[kind].length > 0;
  if (begun("activeDisclosure") && lookup.disclosure.continuation(texts)) return "activeDisclosure";
  if (begun("applications") && lookup.applications.continuation(texts)) return "applications";
  return undefined;
}

/**
 * 表二's columns tell the version; failing them (no 表二), 表三's rows; failing both, the report
 * year (years before the oldest version are read as the oldest).
 */
function decideTemplate(values: ReadValue[], year: number | null, templates: TemplateSet): Template | null {
  const keysOf = (table: string, cut: (path: string) => string) => new Set(values.filter((v) => v.path.startsWith(`${table}.`)).map((v) => cut(v.path)));
  const columns = keysOf("activeDisclosure", (p) => p.slice(p.lastIndexOf(".") + 1));
  const byColumns = templates.newestFirst.find((t) => t.signs.disclosureColumns.some((k) => columns.has(k)));
  if (byColumns) return byColumns;
  if (values.length === 0) return null;
  const rows = keysOf("applications", (p) => p.slice("applications.".length, p.lastIndexOf(".")));
  const byRows = templates.newestFirst.find((t) => t.signs.applicationRows.some((k) => rows.has(k)));
  if (byRows) return byRows;
  if (year === null) return null;
  return templates.forYear(year) ?? templates.versions[0]!;
}

/**
 * Places the values read on the version's canonical paths (a row the version tolerates keeps its
 * own), and gives every canonical path a provenance entry: one the source does not print is absent.
 */
function layOut(template: Template, values: ReadValue[], other: GenericTable[], findings: Finding[]) {
  const flat = new Map<string, number | null>(template.fields.map((f) => [f.path, null]));
  const provenance: Record<string, ProvenanceEntry> = {};
  for (const { path, value, provenance: entry } of values) {
    if (!template.field(path)) {
      findings.push({
        rule: "table.offTemplate",
        severity: "warning",
        paths: [path],
        message: `"${entry.raw}" under ${entry.label} has no place in the ${template.version} template; not mapped`,
        at: entry.at,
      });
      continue;
    }
    if (Object.hasOwn(provenance, path)) continue;
    flat.set(path, value);
    provenance[path] = entry;
  }
  for (const { path, row, column } of template.fields) {
    provenance[path] ??= { state: "absent", raw: "", unit: null, label: `${row.label} / ${column.label}`, at: {} };
  }
  return { tables: { ...nest(flat), other } as Tables, values: flat, provenance };
}

function nest(flat: Map<string, number | null>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of flat) {
    const keys = path.split(".");
    let node = root;
    for (const key of keys.slice(0, -1)) {
      if (node[key] === undefined) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = value;
  }
  return root;
}
