import type { CellKind } from "../../template/index.js";

const TOKEN: Record<CellKind, RegExp> = {
  count: /^(0|[1-9]\d*)$/,
  signed: /^-?(0|[1-9]\d*)$/,
  amount: /^(0|[1-9]\d*)(\.\d+)?(元|万元)?$/,
};

/** Beyond this many ways to split, a digit string is reported ambiguous without listing them all. */
export const MAX_SPLITS = 50_000;

/**
 * Every way to cut a digit string whose cell boundaries were lost into one token per column.
 * White space is a certain boundary (no printed number contains a space); otherwise any position may
 * be one, as long as each token is a well-formed number of its column's kind (no leading zeros).
 * Returns undefined when there are more than MAX_SPLITS ways.
 */
export function splits(segment: string, kinds: readonly CellKind[]): string[][] | undefined {
  const chunks = segment.trim().split(/\s+/).filter((c) => c !== "");
  const results: string[][] = [];
  const tokens: string[] = [];
  let overflow = false;
  const walk = (chunk: number, offset: number) => {
    if (overflow) return;
    const cell = tokens.length;
    if (chunk === chunks.length) {
      if (cell === kinds.length) results.push([...tokens]);
      return;
    }
    if (cell === kinds.length) return;
    const text = chunks[chunk]!;
    for (let end = offset + 1; end <= text.length; end++) {
      const token = text.slice(offset, end);
      if (!TOKEN[kinds[cell]!].test(token)) continue;
      tokens.push(token);
      if (end === text.length) walk(chunk + 1, 0);
      else walk(chunk, end);
      tokens.pop();
      if (results.length > MAX_SPLITS) {
        overflow = true;
        return;
      }
    }
  };
  walk(0, 0);
  return overflow ? undefined : results;
}
