import { fieldsOf, type TemplateVersion } from "../../schema/fields.js";
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS } from "../../schema/tables.js";
import { DISCLOSURE_COLUMNS, DISCLOSURE_ROWS } from "../labels.js";
import { coreLabel } from "../match.js";
import type { CompactText } from "./compact.js";
import type { CellKind } from "./split.js";

/** One table row whose cells ran together: its label, the digit string, and what each cell is. */
export interface FlatRow {
  /** Row path, e.g. applications.results.granted. */
  row: string;
  label: string;
  segment: string;
  /** Offset of the segment in the text. */
  offset: number;
  columns: { key: string; label: string; kind: CellKind; unit?: string }[];
}

const SEGMENT = /^[0-9０-９.\-－ \t\u00a0\u3000元万]*/;
/** What still belongs to a label after its core text: closing quotes and a note in brackets. */
const LABEL_TAIL = /^[\s"'“”‘’「」『』]*(（[^（）]*）)?/;
const APPLICANT_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
const OUTCOME_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/** The run of digits, spaces, signs, points and money units at `offset`. */
function segmentAt(text: string, offset: number): string {
  return SEGMENT.exec(text.slice(offset))![0];
}

/**
 * 表二 flattened: blocks of "信息内容" + column labels, then rows of a row label and its digits.
 * Ends where no further 信息内容 block follows before `end`.
 */
export function disclosureRows(text: CompactText, start: number, end: number): FlatRow[] {
  const rows: FlatRow[] = [];
  const columnLabels = [...DISCLOSURE_COLUMNS].sort((a, b) => b.label.length - a.label.length);
  const rowLabels = Object.keys(DISCLOSURE_ROWS).sort((a, b) => b.length - a.length);
  let at = start;
  for (let header = text.find("信息内容", at); header && header.start < end; header = text.find("信息内容", at)) {
    at = header.end;
    const columns: FlatRow["columns"] = [];
    for (;;) {
      const column = columnLabels.map((c) => ({ c, to: text.startsWith(c.label, at) })).find((x) => x.to !== undefined);
      if (!column) break;
      at = column.to!;
      const unit = /^\s*[（(]单位[:：]\s*(万元|元)[）)]/.exec(text.text.slice(at));
      if (unit) at += unit[0].length;
      const kind: CellKind = column.c.key === "amountWanYuan" ? "amount" : column.c.key === "yearChange" ? "signed" : "count";
      const unitName = unit?.[1] ?? column.c.unit;
      columns.push({ key: column.c.key, label: column.c.label, kind, ...(unitName ? { unit: unitName } : {}) });
    }
    for (;;) {
      const label = rowLabels.map((l) => ({ l, to: text.startsWith(l, at) })).find((x) => x.to !== undefined);
      if (!label) break;
      at = label.to!;
      const segment = segmentAt(text.text, at);
      rows.push({ row: `activeDisclosure.${DISCLOSURE_ROWS[label.l]}`, label: label.l, segment, offset: at, columns });
      at += segment.length;
    }
  }
  return rows;
}

/**
 * 表三 flattened: the template's row labels in order, each followed by its seven numbers; what lies
 * between a row's digits and the next label (group labels, the next label's numbering) is dropped
 * only if it holds no digit.
 */
export function applicationRows(text: CompactText, start: number, template: TemplateVersion): { rows: FlatRow[]; end: number; missing: string[] } {
  const specs = rowSpecs(template, "applications.");
  const columns = APPLICANT_COLUMNS.map((key, i) => ({ key, label: APPLICANT_LABELS[i]!, kind: "count" as const }));
  const found: { spec: (typeof specs)[number]; start: number; end: number }[] = [];
  const missing: string[] = [];
  let at = start;
  for (const spec of specs) {
    const hit = text.find(spec.core, at);
    if (!hit) {
      missing.push(spec.row);
      continue;
    }
    // A label's note in brackets ("（区分处理的，只计这一情形…）") belongs to the label, not the digits.
    const end = hit.end + LABEL_TAIL.exec(text.text.slice(hit.end))![0].length;
    found.push({ spec, start: hit.start, end });
    at = end;
  }
  const rows: FlatRow[] = [];
  let end = at;
  found.forEach((hit, i) => {
    const next = found[i + 1];
    const between = next ? text.text.slice(hit.end, next.start).replace(next.spec.numbering, "") : segmentAt(text.text, hit.end);
    const segment = segmentAt(between, 0);
    const rest = between.slice(segment.length);
    if (/\d/.test(rest)) {
      missing.push(hit.spec.row);
      return;
    }
    rows.push({ row: hit.spec.row, label: hit.spec.label, segment, offset: hit.end, columns });
    if (!next) end = hit.end + segment.length;
  });
  return { rows, end, missing };
}

/** 表四 flattened: the two header levels, then fifteen numbers. */
export function reviewRow(text: CompactText, start: number): FlatRow | undefined {
  const afterReview = text.find("复议后起诉", start);
  if (!afterReview) return undefined;
  const first = text.find("总计", afterReview.end);
  const second = first && text.find("总计", first.end);
  if (!second) return undefined;
  const segment = segmentAt(text.text, second.end);
  const groups = [
    ["review", "行政复议"],
    ["litigationDirect", "行政诉讼·未经复议直接起诉"],
    ["litigationAfterReview", "行政诉讼·复议后起诉"],
  ] as const;
  const columns = groups.flatMap(([group, groupLabel]) =>
    OUTCOME_COLUMNS.map((key, i) => ({ key: `${group}.${key}`, label: `${groupLabel} / ${OUTCOME_LABELS[i]}`, kind: "count" as const })),
  );
  return { row: "reviewLitigation", label: "表四", segment, offset: second.end, columns };
}

/** The template's 表三 rows in print order, with the label core to search for. */
function rowSpecs(template: TemplateVersion, prefix: string): { row: string; label: string; core: string; numbering: RegExp }[] {
  const seen = new Set<string>();
  const specs: { row: string; label: string; core: string; numbering: RegExp }[] = [];
  for (const field of fieldsOf(template)) {
    if (!field.path.startsWith(prefix)) continue;
    const row = field.path.slice(0, field.path.lastIndexOf("."));
    if (seen.has(row)) continue;
    seen.add(row);
    const core = coreLabel(field.row);
    specs.push({ row, label: field.row, core, numbering: numberingBefore(field.row, core) });
  }
  return specs;
}

/**
 * The label's own numbering ("2." "（二）" "四、"), as it may stand at the end of the text before the
 * label: only this exact number is cut there, never digits that belong to the row above.
 */
function numberingBefore(label: string, core: string): RegExp {
  const printed = label.slice(0, Math.max(0, label.indexOf(core.slice(0, 2))));
  const digit = /^(\d+)[.、．]$/.exec(printed);
  if (digit) return new RegExp(`${digit[1]}\\s*[.、．]\\s*$`);
  const escaped = printed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return printed ? new RegExp(`${escaped}\\s*$`) : /$^/;
}
