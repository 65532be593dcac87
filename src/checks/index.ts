import type { Document } from "../readers/document.js";
import type { Finding, ProvenanceEntry } from "../schema/report.js";
import type { Template } from "../template/index.js";
import { narrativeMismatch } from "./narrative.js";
import { relationFindings } from "./relations.js";
import { ValueView } from "./values.js";

/**
 * Runs every per-document rule of shared/schema/checks.md: the template version's relations and the
 * prose figures it declares. Findings report; they never change values. A report of no known
 * version has no values to check.
 */
export function checkReport(
  values: ReadonlyMap<string, number | null>,
  provenance: Readonly<Record<string, ProvenanceEntry>>,
  template: Template | null,
  doc: Document,
): Finding[] {
  if (template === null) return [];
  const view = new ValueView(values, provenance);
  const paragraphs = doc.blocks.flatMap((b, block) => (b.kind === "paragraph" ? [{ text: b.text, block }] : []));
  return [...relationFindings(view, template.relations), ...narrativeMismatch(view, paragraphs, template.prose)];
}
