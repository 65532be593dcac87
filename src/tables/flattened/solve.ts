import { roundSum } from "../number.js";

/**
 * Chooses among the possible splits of flattened table rows using what must hold between the cells:
 * linear equations over (row, column) values (row totals, 一+二 = 三+四, （七）= Σ results, 表四
 * totals, figures stated in the prose). A candidate split survives only if every equation it takes part
 * in can still be satisfied by the other rows' candidates (arc consistency, repeated to a fixpoint).
 */
export type Candidates = Map<string, number[][]>;

export interface Term {
  row: string;
  column: number;
  coefficient: number;
}

export interface Equation {
  terms: Term[];
  constant: number;
}

/** Past this many partial sums an equation is too loose to prune with; it is skipped, not guessed. */
const MAX_SUMS = 100_000;

/** Narrows candidates in place under the equations; false when some row is left with none. */
export function propagate(candidates: Candidates, equations: Equation[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const rows = [...new Set(equation.terms.map((t) => t.row))];
      if (rows.some((row) => !candidates.has(row))) continue;
      const contributions = new Map(rows.map((row) => [row, candidates.get(row)!.map((c) => contribution(c, row, equation))]));
      for (const row of rows) {
        const others = sums(rows.filter((r) => r !== row).map((r) => contributions.get(r)!));
        if (!others) continue;
        const before = candidates.get(row)!;
        const mine = contributions.get(row)!;
        const kept = before.filter((_, i) => others.has(roundSum(equation.constant - mine[i]!)));
        if (kept.length === 0) return false;
        if (kept.length < before.length) {
          candidates.set(row, kept);
          contributions.set(row, kept.map((c) => contribution(c, row, equation)));
          changed = true;
        }
      }
    }
  }
  return true;
}

function contribution(values: number[], row: string, equation: Equation): number {
  let total = 0;
  for (const term of equation.terms) if (term.row === row) total += term.coefficient * values[term.column]!;
  return roundSum(total);
}

function sums(options: number[][]): Set<number> | undefined {
  let reachable = new Set<number>([0]);
  for (const values of options) {
    const next = new Set<number>();
    for (const s of reachable) for (const v of new Set(values)) next.add(roundSum(s + v));
    if (next.size > MAX_SUMS) return undefined;
    reachable = next;
  }
  return reachable;
}

export function cloneCandidates(candidates: Candidates): Candidates {
  return new Map([...candidates].map(([row, list]) => [row, [...list]]));
}

/** Applies equations only if they leave every row a candidate; returns whether they were applied. */
export function applyIfConsistent(candidates: Candidates, equations: Equation[]): boolean {
  const trial = cloneCandidates(candidates);
  if (!propagate(trial, equations)) return false;
  for (const [row, list] of trial) candidates.set(row, list);
  return true;
}
