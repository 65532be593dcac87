import type { Document } from "../readers/document.js";
import type { Finding, ProvenanceEntry } from "../schema/report.js";
import { applicationsBalance, applicationsResultsTotal, applicationsRowTotal, reviewLitigationTotal } from "./arithmetic.js";
import { narrativeMismatch } from "./narrative.js";
import { ValueView } from "./values.js";

/**
 * Runs every per-document rule of shared/schema/checks.md. Findings report; they never change values.
 * `readingFindings` are the tables' own (a cell unread is not a blank one, see ValueView).
 */
export function checkReport(
  values: ReadonlyMap<string, number | null>,
  provenance: Record<string, ProvenanceEntry>,
  readingFindings: readonly Finding[],
  doc: Document,
): Finding[] {
  const view = new ValueView(values, provenance, readingFindings);
  const paragraphs = doc.blocks.flatMap((b, block) => (b.kind === "paragraph" ? [{ text: b.text, block }] : []));
  return [
    ...applicationsBalance(view),
    ...applicationsResultsTotal(view),
    ...applicationsRowTotal(view),
    ...reviewLitigationTotal(view),
    ...narrativeMismatch(view, paragraphs),
  ];
}
