import type { TableCell } from "../readers/document.js";
import type { Finding } from "../schema/report.js";
import type { CellKind } from "../template/index.js";
import { columnLabelKey, type ReadingLookup } from "./lookup.js";
import { coreLabel, matchLabel, normalizeLabel } from "./match.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { type ReadValue, cellValue } from "./values.js";

interface HeaderColumn {
  cell: TableCell;
  column: { key: string; kind: CellKind } | undefined;
  label: string;
  unit?: string;
}

/**
 * 表二 is a stack of small blocks, each a 信息内容 header row over its data rows. Each data row is
 * read against the header above it: cell by cell when both have as many cells (the Shanghai 2019
 * page merges different grid columns in header and data rows, so the grid does not line up, but the
 * cells do), else by grid column overlap.
 */
export function readActiveDisclosure(rows: RegionRow[], lookup: ReadingLookup["disclosure"], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  let header: HeaderColumn[] | undefined;
  for (const region of rows) {
    const own = region.row.own;
    const headerAt = own.findIndex((c) => lookup.header.test(normalizeLabel(c.text)));
    if (headerAt >= 0) {
      header = own.slice(headerAt + 1).map((cell) => headerColumn(cell, lookup.columns));
      continue;
    }
    const labelAt = own.findIndex((c) => lookup.rows.has(coreLabel(c.text)));
    if (labelAt < 0) continue;
    const labelCell = own[labelAt]!;
    const rowKey = lookup.rows.get(coreLabel(labelCell.text))!;
    const cells = own.slice(labelAt + 1);
    if (!header) {
      findings.push(rowFinding("table.noHeader", region, `表二 row "${labelCell.text}" has no 信息内容 header above it; not read`));
      continue;
    }
    const columns = header;
    cells.forEach((cell, i) => {
      const column = cells.length === columns.length ? columns[i] : overlapping(columns, cell);
      if (!column?.column) {
        if (cell.text.trim() !== "") {
          findings.push(rowFinding("table.unmappedCell", region, `表二 cell "${cell.text}" in row "${labelCell.text}" has no known column label above it`));
        }
        return;
      }
      const label = `${labelCell.text.replace(/\s+/g, "")} / ${column.label}`;
      values.push(
        cellValue(
          {
            path: `activeDisclosure.${rowKey}.${column.column.key}`,
            kind: column.column.kind,
            cell,
            label,
            ...(column.unit ? { columnUnit: column.unit } : {}),
            at: locateCell(region, cell),
          },
          findings,
        ),
      );
    });
  }
  return values;
}

function headerColumn(cell: TableCell, columns: ReadingLookup["disclosure"]["columns"]): HeaderColumn {
  const label = normalizeLabel(cell.text);
  const unit = /单位[:：]?([^）)]+)/.exec(label)?.[1];
  const bare = columnLabelKey(label);
  const known = columns.get(bare) ?? matchLabel(bare, columns)?.value;
  return { cell, column: known, label, ...(unit ? { unit } : {}) };
}

function overlapping(columns: HeaderColumn[], cell: TableCell): HeaderColumn | undefined {
  let best: { column: HeaderColumn; overlap: number } | undefined;
  for (const column of columns) {
    const from = Math.max(column.cell.col, cell.col);
    const to = Math.min(column.cell.col + column.cell.colSpan, cell.col + cell.colSpan);
    const overlap = to - from;
    if (overlap > 0 && (!best || overlap > best.overlap)) best = { column, overlap };
  }
  return best?.column;
}
