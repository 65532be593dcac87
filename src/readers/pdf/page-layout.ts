import { fillLattice, type PlacedTable } from "./cells.js";
import { findLattices } from "./lattice.js";
import type { PageContent } from "./page-content.js";
import { marginsOf, type Margins } from "./paragraphs.js";
import { findStreamTables } from "./stream-tables.js";
import { groupLines, type TextLine } from "./text-lines.js";

export type PageItem = { kind: "line"; line: TextLine } | { kind: "table"; table: PlacedTable };

export interface PageLayout {
  number: number;
  /** Lines outside tables and tables, top to bottom. */
  items: PageItem[];
  margins: Margins;
}

/** Page numbers as printed in footers and headers: "- 3 -", "—3—", "3", "第3页 共5页", "3/5". */
const PAGE_NUMBER = /^([-－—–]\s*)?\d{1,4}(\s*[-－—–])?$|^第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?$|^\d+\s*\/\s*\d+$/;
/** Share of the page height at the top and bottom where running headers and footers live. */
const MARGIN_BAND = 0.1;

/**
 * One page laid out: ruled tables first (they claim the text inside them), then page numbers in
 * the header and footer bands dropped (they are not report text, and a footer must not end up in a
 * table or split a paragraph that runs over the page break), then tables without rules found among
 * the remaining lines.
 */
export function layOutPage(page: PageContent): PageLayout {
  let pieces = page.pieces;
  const tables: PlacedTable[] = [];
  for (const lattice of findLattices(page.rules)) {
    const { table, rest } = fillLattice(lattice, page.number, pieces);
    tables.push(table);
    pieces = rest;
  }
  const lines = groupLines(pieces).filter((line) => !isPageNumber(line, page.height));
  const stream = findStreamTables(lines, page.number);
  const items: PageItem[] = [
    ...stream.rest.map((line): PageItem => ({ kind: "line", line })),
    ...[...tables, ...stream.tables].map((table): PageItem => ({ kind: "table", table })),
  ].sort((a, b) => topOf(a) - topOf(b));
  return { number: page.number, items, margins: marginsOf(stream.rest) };
}

function topOf(item: PageItem): number {
  return item.kind === "line" ? item.line.top : item.table.box.top;
}

function isPageNumber(line: TextLine, pageHeight: number): boolean {
  const inBand = line.bottom < MARGIN_BAND * pageHeight || line.top > (1 - MARGIN_BAND) * pageHeight;
  return inBand && PAGE_NUMBER.test(line.text);
}
