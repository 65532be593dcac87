import { roundSum } from "../tables/number.js";
import type { Finding, Locator, ProvenanceEntry } from "../schema/report.js";

/**
 * The values a rule reads: canonical path → number, null (blank) or undefined (not in this template).
 * A null that a reading finding names (a cell that is not a number, an amount without a unit, cells
 * that ran together past telling apart: see unreadPaths) is unread, not blank: what the source
 * prints there is not known, so no relation through it is checked.
 */
export class ValueView {
  private readonly unread: ReadonlySet<string>;

  constructor(
    private readonly values: ReadonlyMap<string, number | null>,
    private readonly provenance: Readonly<Record<string, ProvenanceEntry>>,
    readingFindings: readonly Finding[],
  ) {
    this.unread = unreadPaths(readingFindings, (p) => values.get(p));
  }

  /** Some of the paths hold a value that could not be read. */
  anyUnread(paths: readonly string[]): boolean {
    return paths.some((p) => this.unread.has(p));
  }

  get(path: string): number | null | undefined {
    return this.values.get(path);
  }

  has(path: string): boolean {
    return this.values.has(path);
  }

  paths(prefix: string): string[] {
    return [...this.values.keys()].filter((p) => p.startsWith(prefix));
  }

  at(path: string): Locator | undefined {
    return this.provenance[path]?.at;
  }
}

/** The reading findings that leave a value null because its cell could not be read, not because it is blank. */
const UNREAD_RULES: ReadonlySet<string> = new Set(["value.unreadable", "value.unitUnknown", "table.ambiguous"]);

/** The paths that such findings name and whose value is null: unread, not blank. */
export function unreadPaths(findings: readonly Finding[], valueAtPath: (path: string) => number | null | undefined): Set<string> {
  return new Set(findings.filter((f) => UNREAD_RULES.has(f.rule)).flatMap((f) => f.paths).filter((p) => valueAtPath(p) === null));
}

/** Blank cells count as 0 in every sum; a sum over only blank cells is "not filled" (undefined). */
export function sumOf(view: ValueView, paths: string[]): number | undefined {
  let total = 0;
  let filled = false;
  for (const path of paths) {
    const value = view.get(path);
    if (typeof value === "number") {
      total += value;
      filled = true;
    }
  }
  return filled ? roundSum(total) : undefined;
}

/**
 * Compares two sides of a relation; a side whose every cell is blank counts as 0 unless both are
 * blank, in which case the relation is not checked; nor is it when a cell could not be read.
 */
export function compare(
  view: ValueView,
  rule: string,
  expectedPaths: string[],
  actualPaths: string[],
  /** Gets each side's sum as printed in the message: "blank" for a side whose every cell is blank. */
  describe: (expected: string, actual: string) => string,
): Finding | undefined {
  if (view.anyUnread(expectedPaths) || view.anyUnread(actualPaths)) return undefined;
  const expected = sumOf(view, expectedPaths);
  const actual = sumOf(view, actualPaths);
  if (expected === undefined && actual === undefined) return undefined;
  const e = expected ?? 0;
  const a = actual ?? 0;
  if (e === a) return undefined;
  const paths = [...expectedPaths, ...actualPaths];
  const at = actualPaths.map((p) => view.at(p)).find((l) => l !== undefined) ?? paths.map((p) => view.at(p)).find((l) => l);
  return { rule, severity: "error", paths, expected: e, actual: a, message: describe(shown(expected), shown(actual)), ...(at ? { at } : {}) };
}

/** A side's sum as a message prints it: a side whose every cell is blank says so. */
function shown(sum: number | undefined): string {
  return sum === undefined ? "blank" : String(sum);
}
