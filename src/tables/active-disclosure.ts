import type { TableCell } from "../readers/document.js";
import type { Finding } from "../schema/report.js";
import { DISCLOSURE_COLUMNS, DISCLOSURE_HEADER, DISCLOSURE_ROWS } from "./labels.js";
import { coreLabel, matchLabel, normalizeLabel } from "./match.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { type ReadValue, cellValue } from "./values.js";

interface HeaderColumn {
  cell: TableCell;
  key: string | undefined;
  label: string;
  unit?: string;
}

const ROWS = new Map(Object.entries(DISCLOSURE_ROWS));
const COLUMNS = new Map(DISCLOSURE_COLUMNS.map((c) => [c.label, c]));

/**
 * 表二 is a stack of small blocks, each a 信息内容 header row over its data rows. Each data row is
 * read against the header above it: cell by cell when both have as many cells (the Shanghai 2019
 * page merges different grid columns in header and data rows, so the grid does not line up, but the
 * cells do), else by grid column overlap.
 */
export function readActiveDisclosure(rows: RegionRow[], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  let header: HeaderColumn[] | undefined;
  for (const region of rows) {
    const own = region.row.own;
    const headerAt = own.findIndex((c) => DISCLOSURE_HEADER.test(normalizeLabel(c.text)));
    if (headerAt >= 0) {
      header = own.slice(headerAt + 1).map(headerColumn);
      continue;
    }
    const labelAt = own.findIndex((c) => ROWS.has(coreLabel(c.text)));
    if (labelAt < 0) continue;
    const labelCell = own[labelAt]!;
    const rowKey = ROWS.get(coreLabel(labelCell.text))!;
    const cells = own.slice(labelAt + 1);
    if (!header) {
      findings.push(rowFinding("table.noHeader", region, `表二 row "${labelCell.text}" has no 信息内容 header above it; not read`));
      continue;
    }
    const columns = header;
    cells.forEach((cell, i) => {
      const column = cells.length === columns.length ? columns[i] : overlapping(columns, cell);
      if (!column?.key) {
        if (cell.text.trim() !== "") {
          findings.push(rowFinding("table.unmappedCell", region, `表二 cell "${cell.text}" in row "${labelCell.text}" has no known column label above it`));
        }
        return;
      }
      const label = `${labelCell.text.replace(/\s+/g, "")} / ${column.label}`;
      values.push(
        cellValue(
          {
            path: `activeDisclosure.${rowKey}.${column.key}`,
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

function headerColumn(cell: TableCell): HeaderColumn {
  const label = normalizeLabel(cell.text);
  const unit = /单位[:：]?([^）)]+)/.exec(label)?.[1];
  const bare = label.replace(/（[^（）]*）$/, "");
  const known = COLUMNS.get(bare) ?? matchLabel(bare, COLUMNS)?.value;
  return { cell, key: known?.key, label, ...(unit ? { unit } : known?.unit ? { unit: known.unit } : {}) };
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
