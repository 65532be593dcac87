import { type Box, clusterValues, type Rule } from "./geometry.js";

/** Rules this close (points) are one line: borders are often drawn twice, a hair apart. */
const SAME_LINE = 2;
/** Rules whose ends come this close are taken to touch. */
const TOUCH = 3;
/** A cell edge counts as ruled when rules cover at least this share of it. */
const RULED_SHARE = 0.5;
/**
 * More distinct rules than this on a page is a drawing (a chart, a hatched or scanned-as-vector
 * page), not a table grid; a report table has a few hundred at most. The cap also keeps the
 * crossing test, which compares every horizontal rule with every vertical one, cheap.
 */
const MAX_RULES = 3000;

/** A cell of a ruled table: its slot on the grid and its box on the page. */
export interface LatticeCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

export interface Lattice {
  box: Box;
  cells: LatticeCell[];
}

/**
 * Ruled tables from a page's rules: rules that touch form one table; its column lines are the
 * vertical rules, its row lines the horizontal ones (plus the outline, which a table broken across
 * pages leaves open at the break). Two neighbouring grid slots belong to one merged cell where no
 * rule separates them. A lone framed box is not a table.
 */
export function findLattices(rules: Rule[]): Lattice[] {
  const merged = mergeRules(rules);
  if (merged.length > MAX_RULES) return [];
  return connectedGroups(merged)
    .map(latticeOf)
    .filter((lattice): lattice is Lattice => lattice !== undefined && lattice.cells.length > 1);
}

/** Collinear rules that overlap or nearly meet become one. */
function mergeRules(rules: Rule[]): Rule[] {
  const result: Rule[] = [];
  for (const orientation of ["horizontal", "vertical"] as const) {
    const sorted = rules.filter((r) => r.orientation === orientation).sort((a, b) => a.at - b.at || a.from - b.from);
    const lines: Rule[][] = [];
    for (const rule of sorted) {
      const line = lines[lines.length - 1];
      if (line && rule.at - line[0]!.at <= SAME_LINE) line.push(rule);
      else lines.push([rule]);
    }
    for (const line of lines) {
      const at = line.reduce((sum, r) => sum + r.at, 0) / line.length;
      const spans = line.map((r) => [r.from, r.to] as const).sort((a, b) => a[0] - b[0]);
      let current: [number, number] | undefined;
      for (const [from, to] of spans) {
        if (current && from <= current[1] + SAME_LINE) current[1] = Math.max(current[1], to);
        else {
          if (current) result.push({ orientation, at, from: current[0], to: current[1] });
          current = [from, to];
        }
      }
      if (current) result.push({ orientation, at, from: current[0], to: current[1] });
    }
  }
  return result;
}

function touches(h: Rule, v: Rule): boolean {
  return v.at >= h.from - TOUCH && v.at <= h.to + TOUCH && h.at >= v.from - TOUCH && h.at <= v.to + TOUCH;
}

/** Groups of rules connected by crossings (union-find over horizontal × vertical pairs). */
function connectedGroups(rules: Rule[]): Rule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const horizontals = rules.flatMap((r, i) => (r.orientation === "horizontal" ? [i] : []));
  const verticals = rules.flatMap((r, i) => (r.orientation === "vertical" ? [i] : []));
  for (const h of horizontals) {
    for (const v of verticals) if (touches(rules[h]!, rules[v]!)) parent[find(h)] = find(v);
  }
  const groups = new Map<number, Rule[]>();
  rules.forEach((rule, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    group.push(rule);
    groups.set(root, group);
  });
  return [...groups.values()].filter((g) => g.some((r) => r.orientation === "horizontal") && g.some((r) => r.orientation === "vertical"));
}

function latticeOf(rules: Rule[]): Lattice | undefined {
  const horizontals = rules.filter((r) => r.orientation === "horizontal");
  const verticals = rules.filter((r) => r.orientation === "vertical");
  const box: Box = {
    x0: Math.min(...horizontals.map((r) => r.from), ...verticals.map((r) => r.at)),
    x1: Math.max(...horizontals.map((r) => r.to), ...verticals.map((r) => r.at)),
    top: Math.min(...verticals.map((r) => r.from), ...horizontals.map((r) => r.at)),
    bottom: Math.max(...verticals.map((r) => r.to), ...horizontals.map((r) => r.at)),
  };
  const xs = clusterValues([box.x0, box.x1, ...verticals.map((r) => r.at)], SAME_LINE);
  const ys = clusterValues([box.top, box.bottom, ...horizontals.map((r) => r.at)], SAME_LINE);
  if (xs.length < 2 || ys.length < 2) return undefined;
  const ruled = (lines: Rule[], at: number, from: number, to: number) => {
    let covered = 0;
    for (const r of lines) if (Math.abs(r.at - at) <= SAME_LINE) covered += Math.max(0, Math.min(r.to, to) - Math.max(r.from, from));
    return covered >= RULED_SHARE * (to - from);
  };
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  // Open edges between grid slots: right of slot (r, c), and below it.
  const openRight = (r: number, c: number) => !ruled(verticals, xs[c + 1]!, ys[r]!, ys[r + 1]!);
  const openBelow = (r: number, c: number) => !ruled(horizontals, ys[r + 1]!, xs[c]!, xs[c + 1]!);
  const taken = Array.from({ length: rows }, () => new Array<boolean>(cols).fill(false));
  const cells: LatticeCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (taken[r]![c]) continue;
      let colSpan = 1;
      while (c + colSpan < cols && openRight(r, c + colSpan - 1) && !taken[r]![c + colSpan]) colSpan++;
      let rowSpan = 1;
      const columns = Array.from({ length: colSpan }, (_, k) => c + k);
      while (r + rowSpan < rows && columns.every((col) => openBelow(r + rowSpan - 1, col) && !taken[r + rowSpan]![col])) rowSpan++;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr]![c + dc] = true;
      cells.push({ row: r, col: c, rowSpan, colSpan, box: { x0: xs[c]!, x1: xs[c + colSpan]!, top: ys[r]!, bottom: ys[r + rowSpan]! } });
    }
  }
  return { box, cells };
}
