/**
 * Figures the prose of a report states, and the table cells they name. Deliberately few and
 * unambiguous: the checks compare them with the tables (narrative.mismatch), and the recovery of
 * flattened tables uses them to choose between splits of a digit string.
 */
export interface ProseStatement {
  pattern: RegExp;
  /** The cells whose sum the figure is. */
  paths: string[];
  what: string;
}

export const PROSE_STATEMENTS: ProseStatement[] = [
  {
    pattern: /(?:新收|收到|接收|受理)[^，。；、\d]{0,20}?申请[^，。；、\d]{0,6}?(\d+)\s*件/g,
    paths: ["applications.received.total"],
    what: "applications received (表三 一、本年新收 总计)",
  },
  { pattern: /办结[^，。；、\d]{0,12}?(\d+)\s*件/g, paths: ["applications.results.total.total"], what: "applications handled (表三 （七）总计)" },
  {
    pattern: /行政复议[^，。；、\d]{0,6}?(\d+)\s*(?:起|件)/g,
    paths: ["reviewLitigation.review.total"],
    what: "administrative reviews (表四 行政复议 总计)",
  },
  {
    pattern: /行政诉讼[^，。；、\d]{0,6}?(\d+)\s*(?:起|件)/g,
    paths: ["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"],
    what: "lawsuits (表四 行政诉讼 总计)",
  },
  {
    pattern: /制发[^，。；、\d]{0,12}?规范性文件(\d+)\s*件/g,
    paths: ["activeDisclosure.normativeDocuments.issued"],
    what: "normative documents issued (表二 行政规范性文件 本年制发件数)",
  },
  {
    pattern: /现行有效[^，。；、\d]{0,6}?规范性文件(\d+)\s*件/g,
    paths: ["activeDisclosure.normativeDocuments.inForce"],
    what: "normative documents in force (表二 行政规范性文件 现行有效件数)",
  },
];

export interface ProseFigure {
  statement: ProseStatement;
  value: number;
  text: string;
  /** Offset of the statement in the text searched. */
  index: number;
}

export function proseFigures(text: string): ProseFigure[] {
  return PROSE_STATEMENTS.flatMap((statement) =>
    [...text.matchAll(statement.pattern)].map((match) => ({ statement, value: Number(match[1]), text: match[0], index: match.index })),
  );
}
