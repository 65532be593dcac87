import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Where a file is written before it is renamed into place. The name is the same on every run, so a
 * run killed between writing and renaming leaves a temporary file that the next run writing the
 * same file (a --resume, a re-export) overwrites and renames away, rather than one left for good.
 */
export function temporaryPathOf(path: string): string {
  return `${path}.tmp`;
}

/** Writes through a temporary file and a rename, so a killed run never leaves a half-written file. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryPathOf(path);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
