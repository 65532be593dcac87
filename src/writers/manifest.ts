import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { templateVersion } from "../schema/report.js";

export const manifestLine = z.strictObject({
  input: z.string(),
  output: z.string().nullable(),
  status: z.enum(["ok", "failed", "skipped"]),
  error: z.string().optional(),
  template: templateVersion,
  findings: z.number().int(),
  sha256: z.string().nullable(),
});
export type ManifestLine = z.infer<typeof manifestLine>;

/** The manifest is appended one line per input as it finishes, so it is complete up to any kill. */
export class ManifestWriter {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "");
  }

  append(line: ManifestLine): void {
    appendFileSync(this.path, `${JSON.stringify(line)}\n`);
  }
}
