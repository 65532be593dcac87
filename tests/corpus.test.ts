import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { score } from "./helpers/accuracy.js";
import { corpusDir, corpusEntries } from "./helpers/corpus.js";
import { convertFile } from "./helpers/paths.js";
import { transcribedValues } from "./helpers/transcription.js";

const entries = corpusEntries();
const abstentions = JSON.parse(readFileSync(resolve(corpusDir, "abstentions.json"), "utf8")) as Record<string, string[]>;

describe("the broad real corpus (tests/corpus): reports nobody tuned for", () => {
  it.each(entries.map((e) => [e.file, e]))("%s: two independent transcriptions agree cell by cell", (_, entry) => {
    expect(entry.second.template).toBe(entry.first.template);
    expect(Object.fromEntries(transcribedValues(entry.second))).toEqual(Object.fromEntries(transcribedValues(entry.first)));
  });

  it.each(entries.map((e) => [e.file, e]))("%s: no wrong value, no made-up finding, the abstentions listed", async (_, entry) => {
    const report = await convertFile(entry.path);
    const result = score(report, entry.first);
    expect(report.template).toBe(entry.first.template);
    expect(result.wrong).toEqual([]);
    expect(result.falseFindings).toEqual([]);
    expect(result.abstained).toEqual(abstentions[entry.file] ?? []);
  });
});
