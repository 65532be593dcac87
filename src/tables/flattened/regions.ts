import type { CellKind, TableDeclaration, Template } from "../../template/index.js";
import type { ReadingLookup } from "../lookup.js";
import { coreLabel } from "../match.js";
import type { CompactText } from "./compact.js";

/** One table row whose cells ran together: its label, the digit string, and what each cell is. */
export interface FlatRow {
  /** Row path, e.g. applications.results.granted. */
  row: string;
  label: string;
  segment: string;
  /** Offset of the segment in the text. */
  offset: number;
  columns: { key: string; label: string; kind: CellKind; unit?: string }[];
}

const SEGMENT = /^[0-9０-９.\-－ \t\u00a0\u3000元万]*/;
/** What still belongs to a label after its core text: closing quotes and a note in brackets. */
const LABEL_TAIL = /^[\s"'“”‘’「」『』]*(（[^（）]*）)?/;

/** The run of digits, spaces, signs, points and money units at `offset`. */
function segmentAt(text: string, offset: number): string {
  return SEGMENT.exec(text.slice(offset))![0];
}

/**
 * 表二 flattened: blocks of "信息内容" + column labels, then rows of a row label and its digits.
 * Ends where no further 信息内容 block follows before `end`.
 */
export function disclosureRows(text: CompactText, start: number, end: number, lookup: ReadingLookup["disclosure"]): FlatRow[] {
  const rows: FlatRow[] = [];
  const columnLabels = [...lookup.columns].sort(([a], [b]) => b.length - a.length);
  const rowLabels = [...lookup.rows.keys()].sort((a, b) => b.length - a.length);
  let at = start;
  for (let header = text.find(lookup.headerText, at); header && header.start < end; header = text.find(lookup.headerText, at)) {
    at = header.end;
    const columns: FlatRow["columns"] = [];
    for (;;) {
      const column = columnLabels.map(([label, c]) => ({ label, c, to: text.startsWith(label, at) })).find((x) => x.to !== undefined);
      if (!column) break;
      at = column.to!;
      const unit = /^\s*[（(]单位[:：]\s*(万元|元)[）)]/.exec(text.text.slice(at));
      if (unit) at += unit[0].length;
      columns.push({ key: column.c.key, label: column.label, kind: column.c.kind, ...(unit ? { unit: unit[1]! } : {}) });
    }
    for (;;) {
      const label = rowLabels.map((l) => ({ l, to: text.startsWith(l, at) })).find((x) => x.to !== undefined);
      if (!label) break;
      at = label.to!;
      const segment = segmentAt(text.text, at);
      rows.push({ row: `activeDisclosure.${lookup.rows.get(label.l)}`, label: label.l, segment, offset: at, columns });
      at += segment.length;
    }
  }
  return rows;
}

/**
 * 表三 flattened: the template's row labels in order, each followed by its seven numbers; what lies
 * between a row's digits and the next label (group labels, the next label's numbering) is dropped
 * only if it holds no digit.
 */
export function applicationRows(text: CompactText, start: number, template: Template): { rows: FlatRow[]; end: number; missing: string[] } {
  const table = template.table("applications");
  const specs = rowSpecs(table);
  const columns = table.columns.map(({ key, label, kind }) => ({ key, label, kind }));
  const found: { spec: (typeof specs)[number]; start: number; end: number }[] = [];
  const missing: string[] = [];
  let at = start;
  for (const spec of specs) {
    const hit = text.find(spec.core, at);
    if (!hit) {
      missing.push(spec.row);
      continue;
    }
    // A label's note in brackets ("（区分处理的，只计这一情形…）") belongs to the label, not the digits.
    const end = hit.end + LABEL_TAIL.exec(text.text.slice(hit.end))![0].length;
    found.push({ spec, start: hit.start, end });
    at = end;
  }
  const rows: FlatRow[] = [];
  let end = at;
  found.forEach((hit, i) => {
    const next = found[i + 1];
    const between = next ? text.text.slice(hit.end, next.start).replace(next.spec.numbering, "") : segmentAt(text.text, hit.end);
    const segment = segmentAt(between, 0);
    const rest = between.slice(segment.length);
    if (/\d/.test(rest)) {
      missing.push(hit.spec.row);
      return;
    }
    rows.push({ row: hit.spec.row, label: hit.spec.label, segment, offset: hit.end, columns });
    if (!next) end = hit.end + segment.length;
  });
  return { rows, end, missing };
}

/**
 * 表四 flattened (a single-row table): the header names the groups, then under the last group its
 * columns once more for each group after the first; the numbers follow the last column label.
 */
export function reviewRow(text: CompactText, start: number, table: TableDeclaration): FlatRow | undefined {
  const lastGroup = table.rows[table.rows.length - 1]!;
  const lastColumn = table.columns[table.columns.length - 1]!.label;
  let header = [lastGroup.label, ...lastGroup.variants].map((label) => text.find(label, start)).find((hit) => hit !== undefined);
  for (let i = 1; i < table.rows.length && header; i++) header = text.find(lastColumn, header.end);
  if (!header) return undefined;
  const segment = segmentAt(text.text, header.end);
  const columns = table.rows.flatMap((group) =>
    table.columns.map((column) => ({ key: `${group.key}.${column.key}`, label: `${group.label} / ${column.label}`, kind: column.kind })),
  );
  return { row: table.key, label: table.name, segment, offset: header.end, columns };
}

/** The version's 表三 rows in print order (not those it only tolerates), with the label core to search for. */
function rowSpecs(table: TableDeclaration): { row: string; label: string; core: string; numbering: RegExp }[] {
  return table.rows
    .filter((row) => !row.tolerated)
    .map((row) => {
      const core = coreLabel(row.label);
      return { row: `${table.key}.${row.key}`, label: row.label, core, numbering: numberingBefore(row.label, core) };
    });
}

/**
 * The label's own numbering ("2." "（二）" "四、"), as it may stand at the end of the text before the
 * label: only this exact number is cut there, never digits that belong to the row above.
 */
function numberingBefore(label: string, core: string): RegExp {
  const printed = label.slice(0, Math.max(0, label.indexOf(core.slice(0, 2))));
  const digit = /^(\d+)[.、．]$/.exec(printed);
  if (digit) return new RegExp(`${digit[1]}\\s*[.、．]\\s*$`);
  const escaped = printed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return printed ? new RegExp(`${escaped}\\s*$`) : /$^/;
}
