/**
 * Page geometry. Everything downstream of page reading is in page coordinates as a reader sees
 * the page: points, x to the right, y DOWN from the top edge (PDF user space has y up).
 */

/** An affine matrix [a b c d e f] as PDF writes it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `first` applied, then `then`: PDF's `cm` makes the new CTM multiply(cm, ctm). */
export function multiply(first: Matrix, then: Matrix): Matrix {
  const [a, b, c, d, e, f] = first;
  const [A, B, C, D, E, F] = then;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

export function apply(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** An axis-aligned rectangle in page coordinates. */
export interface Box {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** A run of text as placed on the page; `size` is its font size in points. */
export interface TextPiece extends Box {
  text: string;
  size: number;
  /** Set in a vertical (top-to-bottom) font: each glyph stands under the one before. */
  vertical: boolean;
}

/** A ruling line: horizontal rules have y = `at` from x `from` to `to`; vertical ones the reverse. */
export interface Rule {
  orientation: "horizontal" | "vertical";
  at: number;
  from: number;
  to: number;
}

export function centerX(box: Box): number {
  return (box.x0 + box.x1) / 2;
}

export function centerY(box: Box): number {
  return (box.top + box.bottom) / 2;
}

export function contains(box: Box, x: number, y: number, tolerance = 0): boolean {
  return x >= box.x0 - tolerance && x <= box.x1 + tolerance && y >= box.top - tolerance && y <= box.bottom + tolerance;
}

/** Sorted values grouped where neighbours lie within `tolerance`; each group gives its mean. */
export function clusterValues(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const centers: number[] = [];
  let group: number[] = [];
  for (const value of sorted) {
    if (group.length > 0 && value - group[group.length - 1]! > tolerance) {
      centers.push(mean(group));
      group = [];
    }
    group.push(value);
  }
  if (group.length > 0) centers.push(mean(group));
  return centers;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
