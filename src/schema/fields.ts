import fieldsData from "./fields.json" with { type: "json" };

/**
 * The canonical paths of each template version, with the exact labels they carry in the source.
 * This file is a copy of shared/schema/fields.json (a test keeps them equal); adding a template
 * version means adding its list there, plus any label variants in tables/labels.ts.
 */
export interface FieldSpec {
  path: string;
  row: string;
  column: string;
}

export const TEMPLATE_VERSIONS = ["2019", "2021"] as const;
export type TemplateVersion = (typeof TEMPLATE_VERSIONS)[number];

const fields: Record<TemplateVersion, FieldSpec[]> = fieldsData.templates;

export function fieldsOf(template: TemplateVersion): readonly FieldSpec[] {
  return fields[template];
}

const pathSets = new Map(TEMPLATE_VERSIONS.map((t) => [t, new Set(fields[t].map((f) => f.path))]));

export function isTemplatePath(template: TemplateVersion, path: string): boolean {
  return pathSets.get(template)?.has(path) ?? false;
}

/** Every canonical path of every template, in first-seen order (the columns of wide exports). */
export const ALL_PATHS: readonly string[] = [...new Set(TEMPLATE_VERSIONS.flatMap((t) => fields[t].map((f) => f.path)))];
