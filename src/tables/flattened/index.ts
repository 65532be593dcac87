import type { Document } from "../../readers/document.js";
import type { Finding, Locator } from "../../schema/report.js";
import type { Template, TemplateSet } from "../../template/index.js";
import { readingLookup } from "../lookup.js";
import { readCell, shiftDecimal, toWanYuanExponent } from "../number.js";
import { proseFigures } from "../prose.js";
import type { ReadValue } from "../values.js";
import { CompactText } from "./compact.js";
import { applicationRows, disclosureRows, type FlatRow, reviewRow } from "./regions.js";
import { applyIfConsistent, type Candidates, type Equation, type Term } from "./solve.js";
import { splits } from "./split.js";

const SHOWN_SPLITS = 6;

/**
 * Recovers 表二/表三/表四 from text where the crawler joined each row's cells with no separator
 * ("行政许可3960181"). Each row's digit string is cut every well-formed way; the template's
 * identities and the figures in the prose then rule splits out. A cell is filled only when every
 * remaining split agrees on it (provenance says it was inferred); otherwise it stays null under a
 * `table.ambiguous` error that lists the splits still possible. Nothing is guessed.
 */
export function readFlattenedTables(doc: Document, templates: TemplateSet, findings: Finding[]): ReadValue[] {
  const { text, blockAt } = joinParagraphs(doc);
  const compact = new CompactText(text);
  const newest = templates.newestFirst[0]!;
  const startOf = (labels: readonly string[], from: number) => labels.map((l) => compact.find(l, from)).find((hit) => hit !== undefined);
  const disclosureStart = startOf(newest.table("activeDisclosure").textStarts, 0);
  const applicationsStart = startOf(newest.table("applications").textStarts, disclosureStart?.end ?? 0);
  const rows: FlatRow[] = [];
  const notFound: ReadValue[] = [];
  if (disclosureStart) rows.push(...disclosureRows(compact, disclosureStart.start, applicationsStart?.start ?? text.length, readingLookup(templates).disclosure));
  let reviewFrom = applicationsStart?.end ?? 0;
  // The version whose 表三 is read: the newest whose own text is found there, else one that has none.
  const template =
    templates.newestFirst.find((t) => applicationsStart && t.signs.flattenedText.some((sign) => compact.find(sign, applicationsStart.end))) ??
    templates.newestFirst.find((t) => t.signs.flattenedText.length === 0) ??
    newest;
  if (applicationsStart) {
    const table = applicationRows(compact, applicationsStart.end, template);
    rows.push(...table.rows);
    reviewFrom = table.end;
    // A row of a table the text does print, not found in it: its cells are not known (counted as 0
    // they made 平潭 社会事业局 2023 break 一+二 = 三+四 when the printed table does not).
    for (const row of table.missing) {
      findings.push({ rule: "table.unknownRow", severity: "warning", paths: [row], message: `表三 row ${row} not found in the flattened text; left null` });
      const spec = template.table("applications");
      for (const column of spec.columns) {
        const path = `${row}.${column.key}`;
        notFound.push({ path, value: null, provenance: { state: "unread", raw: "", unit: null, label: `${row} / ${column.label}`, at: {} } });
      }
    }
  }
  const reviewTable = template.table("reviewLitigation");
  const review = startOf(reviewTable.textStarts, reviewFrom) ? reviewRow(compact, reviewFrom, reviewTable) : undefined;
  if (review) rows.push(review);
  if (rows.length === 0) return notFound;

  const candidates: Candidates = new Map();
  const allSplits = new Map<string, string[][] | undefined>();
  for (const row of rows) {
    const tokens = splits(row.segment, row.columns.map((c) => c.kind));
    allSplits.set(row.row, tokens);
    if (tokens) candidates.set(row.row, tokens.map((t) => t.map((token, i) => tokenValue(token, row.columns[i]!.unit))));
  }
  solve(candidates, rows, template, proseText(text, rows));

  const values: ReadValue[] = [];
  for (const row of rows) {
    const at = blockAt(row.offset);
    const remaining = candidates.get(row.row) ?? [];
    const tokens = allSplits.get(row.row);
    const undetermined: string[] = [];
    row.columns.forEach((column, i) => {
      const path = `${row.row}.${column.key}`;
      const agreed = remaining.length > 0 && remaining.every((c) => c[i] === remaining[0]![i]);
      if (!agreed) undetermined.push(path);
      const token = agreed ? tokens?.find((t) => tokenValue(t[i]!, column.unit) === remaining[0]![i])?.[i] : undefined;
      values.push({
        path,
        value: agreed ? remaining[0]![i]! : null,
        provenance: {
          state: agreed ? "inferred" : "unread",
          raw: token ?? row.segment.trim(),
          unit: cellUnit(token) ?? column.unit ?? null,
          label: `${row.label} / ${column.label}`,
          at,
          note: agreed
            ? `inferred: the row's cells ran together as "${row.segment.trim()}"; ${tokens?.length ?? 0} well-formed split(s), and every one left by the table's sums and the figures in the text gives this cell`
            : `ambiguous: the row's cells ran together as "${row.segment.trim()}" and more than one split fits`,
        },
      });
    });
    if (undetermined.length > 0) findings.push(ambiguity(row, undetermined, remaining, tokens, at));
  }
  return [...values, ...notFound];
}

function ambiguity(row: FlatRow, paths: string[], remaining: number[][], tokens: string[][] | undefined, at: Locator): Finding {
  const shown = remaining.slice(0, SHOWN_SPLITS).map((c) => c.join("|"));
  const more = remaining.length > SHOWN_SPLITS ? ` and ${remaining.length - SHOWN_SPLITS} more` : "";
  const why = tokens === undefined ? "too many ways to split it" : remaining.length === 0 ? "no well-formed split" : `possible splits: ${shown.join(" · ")}${more}`;
  return {
    rule: "table.ambiguous",
    severity: "error",
    paths,
    message: `${row.label}: the cells ran together as "${row.segment.trim()}" and cannot be told apart (${why}); left null`,
    at,
  };
}

function tokenValue(token: string, columnUnit: string | undefined): number {
  const reading = readCell(token);
  if (reading.kind !== "number") return Number.NaN;
  const unit = reading.unit ?? columnUnit;
  const exponent = unit ? toWanYuanExponent(unit) : undefined;
  return exponent === undefined ? reading.value : shiftDecimal(reading.digits, exponent);
}

/**
 * The equations are the template's relations, strongest first: those within one row (its totals),
 * row by row, then those across rows together, then each prose figure on its own. A relation through
 * a cell not found in the text is not used. A group that would leave some row with no split at all
 * is not applied (the report itself breaks it, or the text was garbled), so it can never force a
 * wrong choice.
 */
function solve(candidates: Candidates, rows: FlatRow[], template: Template, prose: string): void {
  // A row the version only tolerates is not looked for in text (rowSpecs): it takes no part.
  const printable = (path: string) => !template.field(path)?.row.tolerated;
  const equations = template.relations.flatMap((relation) => {
    const left = relation.left.filter(printable).map((path) => termOf(path, rows, 1));
    const right = relation.right.filter(printable).map((path) => termOf(path, rows, -1));
    const terms = [...left, ...right];
    return terms.length > 0 && terms.every((t) => t !== undefined) ? [{ terms, constant: 0 }] : [];
  });
  const withinRow = (e: Equation) => e.terms.every((t) => t.row === e.terms[0]!.row);
  for (const row of rows) {
    const own = equations.filter((e) => withinRow(e) && e.terms[0]!.row === row.row);
    if (own.length > 0) applyIfConsistent(candidates, own);
  }
  applyIfConsistent(candidates, equations.filter((e) => !withinRow(e)));
  for (const figure of proseFigures(prose, template.prose)) {
    const terms = figure.statement.paths.map((path) => termOf(path, rows, 1)).filter((t) => t !== undefined);
    if (terms.length !== figure.statement.paths.length) continue;
    applyIfConsistent(candidates, [{ terms, constant: figure.value }]);
  }
}

function termOf(path: string, rows: FlatRow[], coefficient: number): Term | undefined {
  for (const row of rows) {
    const column = row.columns.findIndex((c) => `${row.row}.${c.key}` === path);
    if (column >= 0) return { row: row.row, column, coefficient };
  }
  return undefined;
}

/** The text outside the flattened tables, where prose figures are looked for. */
function proseText(text: string, rows: FlatRow[]): string {
  let prose = text;
  for (const row of rows) prose = prose.slice(0, row.offset) + " ".repeat(row.segment.length) + prose.slice(row.offset + row.segment.length);
  return prose;
}

function joinParagraphs(doc: Document): { text: string; blockAt: (offset: number) => Locator } {
  const starts: { offset: number; locator: Locator }[] = [];
  let text = "";
  doc.blocks.forEach((block, index) => {
    if (block.kind !== "paragraph") return;
    starts.push({ offset: text.length, locator: { block: index, ...(block.loc.line === undefined ? {} : { line: block.loc.line }) } });
    text += `${block.text}\n`;
  });
  const blockAt = (offset: number) => {
    let found: Locator = {};
    for (const start of starts) if (start.offset <= offset) found = start.locator;
    return { ...found };
  };
  return { text, blockAt };
}

/** The unit printed with the token itself (75394432.52元), if any. */
function cellUnit(token: string | undefined): string | undefined {
  const reading = token === undefined ? undefined : readCell(token);
  return reading?.kind === "number" ? (reading.unit ?? undefined) : undefined;
}
