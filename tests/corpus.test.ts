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

describe("meta of crawled department reports", () => {
  it("takes the signature run onto the end of the text (…情况。 平潭综合实验区公安局2022年1月7日), not the crawler's 发布时间", async () => {
    const report = await convertFile(resolve(corpusDir, "files/2021_pingtan_gonganju.txt"));
    expect(report.meta.publishDate).toBe("2022-01-07");
    expect(report.provenance["meta.publishDate"]).toMatchObject({ raw: "2022年1月7日", label: "date of the signature line" });
    // A 印发 line after the signature does not replace it; page chrome after it (附件下载) is no sentence.
    const economy = await convertFile(resolve(corpusDir, "files/2021_pingtan_jingji_fazhanju.txt"));
    expect(economy.meta.publishDate).toBe("2022-01-13");
    const junshan = await convertFile(resolve(corpusDir, "files/2020_pingtan_junshan_pianqu.txt"));
    expect(junshan.meta.publishDate).toBe("2021-01-25");
  });
});
