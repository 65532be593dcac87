import type { ProseStatement } from "../template/index.js";

/**
 * Figures the prose of a report states (the template declares which), and the table cells they name:
 * the checks compare them with the tables (narrative.mismatch), and the recovery of flattened tables
 * uses them to choose between splits of a digit string.
 */
export interface ProseFigure {
  statement: ProseStatement;
  value: number;
  text: string;
  /** Offset of the statement in the text searched. */
  index: number;
}

export function proseFigures(text: string, statements: readonly ProseStatement[]): ProseFigure[] {
  return statements.flatMap((statement) =>
    [...text.matchAll(statement.pattern)].map((match) => ({ statement, value: Number(match[1]), text: match[0], index: match.index })),
  );
}
