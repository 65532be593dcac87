import type { TableCell } from "../readers/document.js";
import type { Finding, Locator, ProvenanceEntry } from "../schema/report.js";
import type { CellKind } from "../template/index.js";
import { readCell, shiftDecimal, toWanYuanExponent } from "./number.js";

/** A value read from a table cell, with where it came from. */
export interface ReadValue {
  path: string;
  value: number | null;
  provenance: ProvenanceEntry;
}

export interface CellContext {
  path: string;
  /** What the template's column holds: amounts are normalized to 万元. */
  kind: CellKind;
  cell: TableCell;
  /** Row and column labels as printed, for provenance. */
  label: string;
  /** Unit stated by the column label, e.g. 万元 in 本年收费金额（单位：万元）. */
  columnUnit?: string;
  at: Locator;
}

/**
 * Turns a cell into a value. Amounts are normalized to 万元 from the unit in the cell or, failing
 * that, in the column label; an amount whose unit is nowhere stated stays null with a warning,
 * because guessing 元 or 万元 would be wrong by a factor of 10,000 half the time.
 */
export function cellValue(context: CellContext, findings: Finding[]): ReadValue {
  const { path, cell, label, at } = context;
  const raw = cell.text;
  const reading = readCell(raw);
  const base = { raw, label, at };
  if (reading.kind === "blank" || reading.kind === "placeholder") return { path, value: null, provenance: { state: reading.kind, ...base, unit: null } };
  if (reading.kind === "text") {
    findings.push({
      rule: "value.unreadable",
      severity: "warning",
      paths: [path],
      message: `cell "${excerpt(raw)}" under ${label} is not a number; kept as null (the whole text is in provenance)`,
      at,
    });
    return { path, value: null, provenance: { state: "unread", ...base, unit: null } };
  }
  const unit = reading.unit ?? context.columnUnit ?? null;
  if (context.kind !== "amount") return { path, value: reading.value, provenance: { state: "printed", ...base, unit } };
  const exponent = unit === null ? undefined : toWanYuanExponent(unit);
  if (exponent === undefined) {
    findings.push({
      rule: "value.unitUnknown",
      severity: "warning",
      paths: [path],
      message: `amount "${excerpt(raw)}" under ${label} states no unit (元 or 万元); kept as null rather than guessed`,
      at,
    });
    return { path, value: null, provenance: { state: "unread", ...base, unit } };
  }
  const value = shiftDecimal(reading.digits, exponent);
  const note = exponent === 0 ? undefined : `converted from ${unit} to 万元`;
  return { path, value, provenance: { state: "printed", ...base, unit, ...(note ? { note } : {}) } };
}

/** A cell's text as a message quotes it: short enough to read, however long the cell. */
function excerpt(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}
