import { type Box, centerX, centerY, contains, type TextPiece } from "./geometry.js";
import type { Lattice } from "./lattice.js";
import { groupLines, joinWords, tidySpacing } from "./text-lines.js";

/** A table cell placed on its page: the grid is rebuilt from these boxes once pages are joined. */
export interface PlacedCell {
  box: Box;
  text: string;
}

export interface PlacedTable {
  page: number;
  box: Box;
  cells: PlacedCell[];
}

/** Text this far outside a table's outline still belongs to it (a glyph touching the border). */
const EDGE_TOLERANCE = 1;

/**
 * Fills a ruled table with the pieces that fall inside it and returns the pieces left over. A piece
 * goes to the cell holding its centre; a piece running across a column rule (one text run spanning
 * cells) is cut into characters first, each placed by its estimated position.
 */
export function fillLattice(lattice: Lattice, page: number, pieces: TextPiece[]): { table: PlacedTable; rest: TextPiece[] } {
  const inside: TextPiece[] = [];
  const rest: TextPiece[] = [];
  for (const piece of pieces) (contains(lattice.box, centerX(piece), centerY(piece), EDGE_TOLERANCE) ? inside : rest).push(piece);
  const columnLines = [...new Set(lattice.cells.flatMap((c) => [c.box.x0, c.box.x1]))];
  const buckets = lattice.cells.map(() => [] as TextPiece[]);
  for (const piece of inside.flatMap((p) => splitAcross(p, columnLines))) {
    const index = cellIndexAt(lattice, centerX(piece), centerY(piece));
    if (index >= 0) buckets[index]!.push(piece);
  }
  const cells = lattice.cells.map((cell, i) => ({ box: cell.box, text: cellText(buckets[i]!) }));
  return { table: { page, box: lattice.box, cells }, rest };
}

function cellIndexAt(lattice: Lattice, x: number, y: number): number {
  const exact = lattice.cells.findIndex((c) => contains(c.box, x, y));
  if (exact >= 0) return exact;
  // On the outline itself (within the tolerance): the nearest cell.
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  lattice.cells.forEach((c, i) => {
    const dx = Math.max(c.box.x0 - x, 0, x - c.box.x1);
    const dy = Math.max(c.box.top - y, 0, y - c.box.bottom);
    const distance = Math.hypot(dx, dy);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/** How far past a column rule a piece must reach before it is taken to run into the next cell. */
const CROSSING = 2;

function splitAcross(piece: TextPiece, columnLines: number[]): TextPiece[] {
  const crosses = columnLines.some((x) => x > piece.x0 + CROSSING && x < piece.x1 - CROSSING);
  const chars = [...piece.text];
  if (!crosses || piece.vertical || chars.length < 2) return [piece];
  const width = (piece.x1 - piece.x0) / chars.length;
  return chars.map((text, i) => ({ ...piece, text, x0: piece.x0 + i * width, x1: piece.x0 + (i + 1) * width }));
}

/** A cell's lines top to bottom, joined: a label wrapped inside its cell reads as one label. */
export function cellText(pieces: TextPiece[]): string {
  return tidySpacing(groupLines(pieces).reduce((text, line) => joinWords(text, line.text), ""));
}
