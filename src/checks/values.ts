import type { Finding, Locator, ProvenanceEntry } from "../schema/report.js";
import type { RuleId } from "../schema/rules.js";
import { roundSum } from "../tables/number.js";

/**
 * The values a rule reads: canonical path → number, null (not a number) or undefined (not in this
 * template), with each value's state. A null whose state is `unread` (a cell that is not a number,
 * an amount without a unit, cells that ran together past telling apart) is not blank: what the
 * source prints there is not known, so no relation through it is checked.
 */
export class ValueView {
  constructor(
    private readonly values: ReadonlyMap<string, number | null>,
    private readonly provenance: Readonly<Record<string, ProvenanceEntry>>,
  ) {}

  /** Some of the paths hold a value that could not be read. */
  anyUnread(paths: readonly string[]): boolean {
    return paths.some((p) => this.provenance[p]?.state === "unread");
  }

  get(path: string): number | null | undefined {
    return this.values.get(path);
  }

  has(path: string): boolean {
    return this.values.has(path);
  }

  /** Where the value was read; nowhere for a cell the source does not print. */
  at(path: string): Locator | undefined {
    const entry = this.provenance[path];
    return entry?.state === "absent" ? undefined : entry?.at;
  }
}

/** Blank cells count as 0 in every sum; a sum over only blank cells is "not filled" (undefined). */
export function sumOf(view: ValueView, paths: readonly string[]): number | undefined {
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
 * Compares two sides of a relation. A side whose every cell is blank counts as 0 (checks.md) and is
 * `null` in the finding, which lists the blank cells; both sides blank, or a cell unread, and the
 * relation is not checked.
 */
export function compare(
  view: ValueView,
  rule: RuleId,
  expectedPaths: string[],
  actualPaths: string[],
  /** Gets each side's sum as printed in the message: "blank" for a side whose every cell is blank. */
  describe: (expected: string, actual: string) => string,
): Finding | undefined {
  if (view.anyUnread(expectedPaths) || view.anyUnread(actualPaths)) return undefined;
  const expected = sumOf(view, expectedPaths);
  const actual = sumOf(view, actualPaths);
  if (expected === undefined && actual === undefined) return undefined;
  if ((expected ?? 0) === (actual ?? 0)) return undefined;
  const paths = [...expectedPaths, ...actualPaths];
  const blankPaths = paths.filter((p) => view.get(p) === null);
  const at = actualPaths.map((p) => view.at(p)).find((l) => l !== undefined) ?? paths.map((p) => view.at(p)).find((l) => l);
  return {
    rule,
    severity: "error",
    paths,
    expected: expected ?? null,
    actual: actual ?? null,
    ...(blankPaths.length > 0 ? { blankPaths } : {}),
    message: describe(shown(expected), shown(actual)),
    ...(at ? { at } : {}),
  };
}

/** A side's sum as a message prints it: a side whose every cell is blank says so. */
function shown(sum: number | undefined): string {
  return sum === undefined ? "blank" : String(sum);
}
