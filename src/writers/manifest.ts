import { existsSync, readFileSync } from "node:fs";
import * as z from "zod";
import { templateVersion } from "../schema/report.js";

export const manifestLine = z.strictObject({
  input: z.string(),
  output: z.string().nullable(),
  status: z.enum(["ok", "failed", "skipped"]),
  error: z.string().optional(),
  template: templateVersion,
  findings: z.number().int(),
  errors: z.number().int().describe("findings of severity error (a broken relation, cells past telling apart)"),
  warnings: z.number().int().describe("findings of severity warning (what a reader skipped, a value unread, prose against tables)"),
  sha256: z.string().nullable(),
  version: z.string().describe("pipeline version that produced the line"),
  via: z.string().optional().describe("how the reader got the content when not directly, e.g. a .doc converted by LibreOffice"),
});
export type ManifestLine = z.infer<typeof manifestLine>;

/**
 * Reads a manifest, dropping lines that do not parse: a run killed mid-write leaves at most one torn
 * last line, and it must not stop the next run.
 */
export function readManifest(path: string): ManifestLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((text) => {
      if (text.trim() === "") return [];
      try {
        return [manifestLine.parse(JSON.parse(text))];
      } catch {
        return [];
      }
    });
}
