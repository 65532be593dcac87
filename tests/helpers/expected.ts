import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TEMPLATES } from "../../src/template/index.js";
import { repoRoot } from "./paths.js";

interface ExpectedFile {
  template: "2019" | "2021";
  disclosure: Record<string, number | null>;
  applications: Record<string, (number | null)[]>;
  reviewLitigation: (number | null)[];
}

/** A hand-transcribed expected file (tests/expected/) as canonical path → value. */
export function expectedValues(name: string): { template: string; values: Map<string, number | null> } {
  const file: ExpectedFile = JSON.parse(readFileSync(resolve(repoRoot, "tests/expected", `${name}.json`), "utf8"));
  const template = TEMPLATES.get(file.template)!;
  const applicantColumns = template.table("applications").columns.map((c) => c.key);
  const review = template.table("reviewLitigation");
  const values = new Map<string, number | null>();
  for (const [path, value] of Object.entries(file.disclosure)) values.set(`activeDisclosure.${path}`, value);
  for (const [row, cells] of Object.entries(file.applications)) {
    cells.forEach((value, i) => {
      values.set(`applications.${row}.${applicantColumns[i]}`, value);
    });
  }
  const width = review.columns.length;
  file.reviewLitigation.forEach((value, i) => {
    values.set(`reviewLitigation.${review.rows[Math.floor(i / width)]!.key}.${review.columns[i % width]!.key}`, value);
  });
  return { template: file.template, values };
}
