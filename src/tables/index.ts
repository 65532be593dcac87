import type { Document, Table } from "../readers/document.js";
import { fieldsOf, isTemplatePath, type TemplateVersion } from "../schema/fields.js";
import type { Finding, ProvenanceEntry } from "../schema/report.js";
import type { GenericTable, Tables } from "../schema/tables.js";
import { readActiveDisclosure } from "./active-disclosure.js";
import { readApplications } from "./applications.js";
import { readFlattenedTables } from "./flattened/index.js";
import { genericTable } from "./generic.js";
import { DISCLOSURE_ROWS, TABLE_MARKERS, type TableKind, TEMPLATE_COLUMN_SIGNS } from "./labels.js";
import { coreLabel } from "./match.js";
import type { RegionRow } from "./region.js";
import { readReviewLitigation } from "./review-litigation.js";
import { logicalRows, rowText } from "./rows.js";
import type { ReadValue } from "./values.js";

export interface TableResult {
  template: TemplateVersion | null;
  tables: Tables;
  /** The same values flat, canonical path → value, for the checks. */
  values: Map<string, number | null>;
  provenance: Record<string, ProvenanceEntry>;
  findings: Finding[];
}

/**
 * Locates 表二/表三/表四 by their labels (not their position), reads each by its own labels, decides
 * the template from 表二's columns, and lays the values out on the template's canonical paths.
 */
export function readTables(doc: Document, year: number | null): TableResult {
  const findings: Finding[] = [];
  const regions: Record<TableKind, RegionRow[]> = { activeDisclosure: [], applications: [], reviewLitigation: [] };
  const other: GenericTable[] = [];
  let tableIndex = 0;
  doc.blocks.forEach((block, blockIndex) => {
    if (block.kind !== "table") return;
    const table = tableIndex++;
    if (!assignRows(block, table, blockIndex, regions)) {
      const previous = doc.blocks[blockIndex - 1];
      other.push(genericTable(block, blockIndex, previous?.kind === "paragraph" ? previous.text : null));
    }
  });
  const gridValues = [
    ...readActiveDisclosure(regions.activeDisclosure, findings),
    ...readApplications(regions.applications, findings),
    ...readReviewLitigation(regions.reviewLitigation, findings),
  ];
  // No table grid at all: the page text may still carry the tables with their cells run together.
  const values = gridValues.length > 0 || tableIndex > 0 ? gridValues : readFlattenedTables(doc, findings);
  const disclosure = values.filter((v) => v.path.startsWith("activeDisclosure."));
  const template = decideTemplate(disclosure, values, year);
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
function assignRows(block: Table, table: number, blockIndex: number, regions: Record<TableKind, RegionRow[]>): boolean {
  let kind: TableKind | undefined;
  let assigned = false;
  for (const row of logicalRows(block)) {
    const text = rowText(row);
    kind = TABLE_MARKERS.find((m) => m.pattern.test(text))?.kind ?? kind ?? continuationKind(row.cells.map((c) => c.text), regions);
    if (!kind) continue;
    regions[kind].push({ row, table, block: blockIndex });
    assigned = true;
  }
  return assigned;
}

const APPLICATION_CONTINUATION = /^(（[一二三四五六七]）|[1-8][.、]|四、结转)/;

/** Only a table already begun (with its marker) in an earlier block can continue. */
function continuationKind(texts: string[], regions: Record<TableKind, RegionRow[]>): TableKind | undefined {
  const begun = (kind: TableKind) => regions[kind].length > 0;
  if (begun("activeDisclosure") && texts.some((t) => Object.hasOwn(DISCLOSURE_ROWS, coreLabel(t)))) return "activeDisclosure";
  if (begun("applications") && texts.some((t) => APPLICATION_CONTINUATION.test(t.replace(/\s+/g, "")))) return "applications";
  return undefined;
}

function decideTemplate(disclosure: ReadValue[], values: ReadValue[], year: number | null): TemplateVersion | null {
  const columnKeys = new Set(disclosure.map((v) => v.path.split(".").pop()));
  for (const sign of TEMPLATE_COLUMN_SIGNS) if (sign.keys.some((k) => columnKeys.has(k))) return sign.template;
  if (values.length === 0) return null;
  // No 表二 to tell by: 表三's （六） in three sub-rows is the 2021 layout; else the report year decides.
  if (values.some((v) => /otherHandling\.(overdueCorrection|overdueFee|other)\./.test(v.path))) return "2021";
  if (year === null) return null;
  return year >= 2021 ? "2021" : "2019";
}

/** 2021 reports may still print （六） as the 2019 single row; it keeps its own path. */
const TOLERATED_EXTRA = /^applications\.results\.otherHandling\.total\./;

function layOut(template: TemplateVersion, values: ReadValue[], other: GenericTable[], findings: Finding[]) {
  const flat = new Map<string, number | null>(fieldsOf(template).map((f) => [f.path, null]));
  const provenance: Record<string, ProvenanceEntry> = {};
  for (const { path, value, provenance: entry } of values) {
    if (!isTemplatePath(template, path) && !TOLERATED_EXTRA.test(path)) {
      findings.push({
        rule: "table.offTemplate",
        severity: "warning",
        paths: [path],
        message: `"${entry.raw}" under ${entry.label} has no place in the ${template} template; not mapped`,
        at: entry.at,
      });
      continue;
    }
    if (Object.hasOwn(provenance, path)) continue;
    flat.set(path, value);
    provenance[path] = entry;
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
