import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface InputFile {
  /** Path as given or found. */
  path: string;
  /** Path relative to the folder it was found in (the file name for a file given directly). */
  relative: string;
}

/**
 * Walks files and folders lazily (a generator, so a huge archive is never listed in memory at once),
 * in sorted order so runs are reproducible, following each real folder once (symlink loops end).
 */
export function* walkInputs(paths: string[]): Generator<InputFile | { path: string; error: string }> {
  const seen = new Set<string>();
  for (const root of paths) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(root);
    } catch (error) {
      yield { path: root, error: `cannot read: ${(error as Error).message}` };
      continue;
    }
    if (!stats.isDirectory()) {
      yield { path: root, relative: root.split(/[\\/]/).pop() ?? root };
      continue;
    }
    yield* walkFolder(root, root, seen);
  }
}

function* walkFolder(root: string, folder: string, seen: Set<string>): Generator<InputFile | { path: string; error: string }> {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch (error) {
    yield { path: folder, error: `cannot read folder: ${(error as Error).message}` };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    yield { path: folder, error: `cannot list folder: ${(error as Error).message}` };
    return;
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(folder, name);
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      yield { path, error: `cannot read: ${(error as Error).message}` };
      continue;
    }
    if (isDirectory) yield* walkFolder(root, path, seen);
    else yield { path, relative: relative(root, path) };
  }
}
