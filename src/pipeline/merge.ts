import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { readManifest } from "../writers/manifest.js";
import { ManifestWriter } from "../writers/manifest-writer.js";

/**
 * Combines shard output folders: every manifest line is kept once (by input and hash), report
 * files are copied under the merged folder, and a name taken by an earlier shard gets a suffix.
 */
export function mergeOutputs(dirs: string[], outDir: string): number {
  const seen = new Set<string>();
  const taken = new Set<string>();
  const lines = [];
  for (const dir of dirs) {
    for (const line of readManifest(join(dir, "manifest.jsonl"))) {
      const key = `${line.input}\0${line.sha256}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (line.output === null || !existsSync(join(dir, line.output))) {
        lines.push(line);
        continue;
      }
      let name = line.output;
      for (let n = 2; taken.has(name); n++) name = line.output.replace(/\.json$/, `~${n}.json`);
      taken.add(name);
      mkdirSync(dirname(join(outDir, name)), { recursive: true });
      copyFileSync(join(dir, line.output), join(outDir, name));
      lines.push({ ...line, output: name });
    }
  }
  new ManifestWriter(join(outDir, "manifest.jsonl"), lines);
  return lines.length;
}
