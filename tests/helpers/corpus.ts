import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./paths.js";
import { readTranscription, type Transcription } from "./transcription.js";

export const corpusDir = resolve(repoRoot, "tests/corpus");

export interface CorpusEntry {
  file: string;
  path: string;
  issuer: string;
  level: string;
  province: string;
  format: string;
  /** The first transcription, and the second one made independently of it. */
  first: Transcription;
  second: Transcription;
}

/** Every document of tests/corpus with its two transcriptions (tests/corpus/SOURCES.md). */
export function corpusEntries(): CorpusEntry[] {
  const index = JSON.parse(readFileSync(resolve(corpusDir, "index.json"), "utf8")) as Record<string, Omit<CorpusEntry, "file" | "path" | "first" | "second">>;
  return readdirSync(resolve(corpusDir, "files"))
    .sort()
    .map((file) => {
      const json = file.replace(/\.[^.]+$/, ".json");
      const info = index[file];
      if (!info) throw new Error(`tests/corpus/index.json does not describe ${file}`);
      return {
        file,
        path: resolve(corpusDir, "files", file),
        ...info,
        first: readTranscription(resolve(corpusDir, "transcriptions/a", json)),
        second: readTranscription(resolve(corpusDir, "transcriptions/b", json)),
      };
    });
}
