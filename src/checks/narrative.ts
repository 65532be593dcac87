import type { Finding } from "../schema/report.js";
import { proseFigures } from "../tables/prose.js";
import type { ProseStatement } from "../template/index.js";
import type { ValueView } from "./values.js";
import { sumOf } from "./values.js";

/** A figure stated in the prose that differs from the same figure in a table (a warning: prose is loose). */
export function narrativeMismatch(view: ValueView, paragraphs: { text: string; block: number }[], statements: readonly ProseStatement[]): Finding[] {
  const findings: Finding[] = [];
  for (const { text, block } of paragraphs) {
    for (const { statement, value: stated, text: said } of proseFigures(text, statements)) {
      if (view.anyUnread(statement.paths)) continue;
      const table = sumOf(view, statement.paths);
      if (table === undefined || stated === table) continue;
      findings.push({
        rule: "narrative.mismatch",
        severity: "warning",
        paths: statement.paths,
        expected: table,
        actual: stated,
        message: `the text says "${said}" (${stated}) but the table gives ${table} ${statement.what}`,
        at: { block },
      });
    }
  }
  return findings;
}
