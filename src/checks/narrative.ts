import type { Finding } from "../schema/report.js";
import type { ValueView } from "./values.js";
import { sumOf } from "./values.js";

/** Figures the prose states, and the table cells they must equal. Deliberately few and unambiguous. */
const STATEMENTS: { pattern: RegExp; paths: string[]; what: string }[] = [
  {
    pattern: /(?:新收|收到|受理)[^，。；、\d]{0,12}?申请[^，。；、\d]{0,4}?(\d+)\s*件/g,
    paths: ["applications.received.total"],
    what: "applications received (表三 一、本年新收 总计)",
  },
  { pattern: /办结[^，。；、\d]{0,6}?(\d+)\s*件/g, paths: ["applications.results.total.total"], what: "applications handled (表三 （七）总计)" },
  {
    pattern: /行政复议[^，。；、\d]{0,4}?(\d+)\s*(?:起|件)/g,
    paths: ["reviewLitigation.review.total"],
    what: "administrative reviews (表四 行政复议 总计)",
  },
  {
    pattern: /行政诉讼[^，。；、\d]{0,4}?(\d+)\s*(?:起|件)/g,
    paths: ["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"],
    what: "lawsuits (表四 行政诉讼 总计)",
  },
];

/** A figure stated in the prose that differs from the same figure in a table (a warning: prose is loose). */
export function narrativeMismatch(view: ValueView, paragraphs: { text: string; block: number }[]): Finding[] {
  const findings: Finding[] = [];
  for (const { pattern, paths, what } of STATEMENTS) {
    const table = sumOf(view, paths);
    if (table === undefined) continue;
    for (const { text, block } of paragraphs) {
      for (const match of text.matchAll(pattern)) {
        const stated = Number(match[1]);
        if (stated === table) continue;
        findings.push({
          rule: "narrative.mismatch",
          severity: "warning",
          paths,
          expected: table,
          actual: stated,
          message: `the text says "${match[0]}" (${stated}) but the table gives ${table} ${what}`,
          at: { block },
        });
      }
    }
  }
  return findings;
}
