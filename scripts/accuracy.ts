/**
 * Accuracy over the real corpora against the hand transcriptions: tests/corpus (two transcriptions
 * each) and ../shared/corpus/real with tests/expected. Prints the README's table, by format and
 * issuer level: cells right, abstained (null under a finding), wrong, and relation findings checked
 * against the transcribed cells. `--abstentions` writes tests/corpus/abstentions.json.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { score } from "../tests/helpers/accuracy.js";
import { corpusDir, corpusEntries } from "../tests/helpers/corpus.js";
import { convertFile, realCorpus, repoRoot } from "../tests/helpers/paths.js";
import { readTranscription, type Transcription } from "../tests/helpers/transcription.js";

const SHARED: { file: string; level: string; format: string }[] = [
  { file: "2019_shanghai_shizhengfu_bangongting.html", level: "province", format: "HTML" },
  { file: "2019_pingtan_zonghe_shiyanqu.html", level: "city", format: "HTML" },
  { file: "2023_pingtan_zonghe_shiyanqu.html", level: "city", format: "HTML" },
  { file: "2024_pingtan_zonghe_shiyanqu.html", level: "city", format: "HTML" },
  { file: "2025_pingtan_zonghe_shiyanqu.html", level: "city", format: "HTML" },
  { file: "2019_pingtan_zonghe_shiyanqu.txt", level: "city", format: "crawled text" },
  { file: "2023_pingtan_zonghe_shiyanqu.txt", level: "city", format: "crawled text" },
  { file: "2024_pingtan_zonghe_shiyanqu.txt", level: "city", format: "crawled text" },
  { file: "2025_pingtan_zonghe_shiyanqu.txt", level: "city", format: "crawled text" },
  { file: "2023_huaian_hongze_qu.pdf", level: "county", format: "PDF" },
  { file: "2024_huaian_hongze_qu.pdf", level: "county", format: "PDF" },
  { file: "2024_huaian_shi.pdf", level: "city", format: "PDF" },
];

interface Row {
  reports: number;
  right: number;
  abstained: number;
  wrong: number;
  real: number;
  made: number;
  meta: number;
  metaRight: number;
}

const documents: { file: string; path: string; level: string; format: string; transcription: Transcription }[] = [
  ...corpusEntries().map((e) => ({ file: e.file, path: e.path, level: e.level, format: e.format, transcription: e.first })),
  ...SHARED.map((s) => ({
    ...s,
    path: resolve(realCorpus, s.file),
    // The crawled text of a page is the same report: one transcription for both.
    transcription: readTranscription(resolve(repoRoot, "tests/expected", s.file.replace(/\.(html|txt|pdf)$/, ".json"))),
  })),
];

const rows = new Map<string, Row>();
const abstentions: Record<string, string[]> = {};
for (const document of documents) {
  const report = await convertFile(document.path);
  const result = score(report, document.transcription);
  if (document.path.startsWith(corpusDir) && result.abstained.length > 0) abstentions[document.file] = result.abstained;
  for (const key of [`${document.format} · ${document.level}`, "all"]) {
    const row = rows.get(key) ?? { reports: 0, right: 0, abstained: 0, wrong: 0, real: 0, made: 0, meta: 0, metaRight: 0 };
    row.reports++;
    row.right += result.right;
    row.abstained += result.abstained.length;
    row.wrong += result.wrong.length;
    row.real += result.realFindings;
    row.made += result.falseFindings.length;
    row.meta += result.meta.length;
    row.metaRight += result.meta.filter((m) => m.right).length;
    rows.set(key, row);
  }
}
console.log("| format · issuer level | reports | cells right | abstained | wrong | relation findings real / made up | meta fields right |");
console.log("|---|---|---|---|---|---|---|");
for (const [key, r] of [...rows].sort(([a], [b]) => (a === "all" ? 1 : b === "all" ? -1 : a < b ? -1 : 1))) {
  console.log(`| ${key} | ${r.reports} | ${r.right} | ${r.abstained} | ${r.wrong} | ${r.real} / ${r.made} | ${r.meta === 0 ? "—" : `${r.metaRight}/${r.meta}`} |`);
}
if (process.argv.includes("--abstentions")) writeFileSync(resolve(corpusDir, "abstentions.json"), `${JSON.stringify(abstentions, null, 1)}\n`);
