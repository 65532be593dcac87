import { resolve } from "node:path";
import { repoRoot } from "./paths.js";
import { readTranscription, transcribedValues } from "./transcription.js";

/** A hand-transcribed expected file (tests/expected/) as canonical path → value. */
export function expectedValues(name: string): { template: string; values: Map<string, number | null> } {
  const file = readTranscription(resolve(repoRoot, "tests/expected", `${name}.json`));
  return { template: file.template ?? "", values: transcribedValues(file) };
}
