import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS } from "../../src/schema/tables.js";
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
  const values = new Map<string, number | null>();
  for (const [path, value] of Object.entries(file.disclosure)) values.set(`activeDisclosure.${path}`, value);
  for (const [row, cells] of Object.entries(file.applications)) {
    cells.forEach((value, i) => {
      values.set(`applications.${row}.${APPLICANT_COLUMNS[i]}`, value);
    });
  }
  const groups = ["review", "litigationDirect", "litigationAfterReview"];
  file.reviewLitigation.forEach((value, i) => {
    values.set(`reviewLitigation.${groups[Math.floor(i / 5)]}.${OUTCOME_COLUMNS[i % 5]}`, value);
  });
  return { template: file.template, values };
}
