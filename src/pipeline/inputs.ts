import { readdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export interface InputFile {
  /** Path as given or found. */
  path: string;
  /** Path relative to the folder it was found in (the file name for a file given directly). */
  relative: string;
}

export interface WalkOptions {
  /** Folders never walked into (the output folder, when it sits inside an input folder). */
  exclude?: string[];
}

/**
 * Walks files and folders lazily (a generator, so a huge archive is never listed in memory at once),
 * in sorted order so runs are reproducible, following each real folder once (symlink loops end).
 * Only regular files are inputs: a FIFO would block the read forever and a device (/dev/zero) never
 * ends, so they are reported, never opened.
 */
export function* walkInputs(paths: string[], options: WalkOptions = {}): Generator<InputFile | { path: string; error: string }> {
  const seen = new Set<string>();
  const excluded = new Set((options.exclude ?? []).map(realOrResolved));
  for (const root of paths) {
    let stats: Stats;
    try {
      stats = statSync(root);
    } catch (error) {
      yield { path: root, error: describeFsError(error) };
      continue;
    }
    if (stats.isDirectory()) {
      yield* walkFolder(root, root, seen, excluded);
      continue;
    }
    const special = specialFileError(stats);
    if (special) yield { path: root, error: special };
    else yield { path: root, relative: root.split(/[\\/]/).pop() ?? root };
  }
}

function* walkFolder(
  root: string,
  folder: string,
  seen: Set<string>,
  excluded: Set<string>,
): Generator<InputFile | { path: string; error: string }> {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch (error) {
    yield { path: folder, error: `cannot read the folder: ${describeFsError(error)}` };
    return;
  }
  // An excluded folder is left out when met inside an input folder, not when given as an input itself.
  if (seen.has(real) || (folder !== root && excluded.has(real))) return;
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    yield { path: folder, error: `cannot list the folder: ${describeFsError(error)}` };
    return;
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(folder, name);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      yield { path, error: describeFsError(error) };
      continue;
    }
    if (stats.isDirectory()) {
      yield* walkFolder(root, path, seen, excluded);
      continue;
    }
    const special = specialFileError(stats);
    if (special) yield { path, error: special };
    else yield { path, relative: relative(root, path) };
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Why a path that is neither a folder nor a regular file is not read, or undefined for a regular file. */
export function specialFileError(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  const kind = stats.isFIFO()
    ? "a named pipe (FIFO)"
    : stats.isSocket()
      ? "a socket"
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? "a device"
        : "a special file";
  return `not a regular file but ${kind}; only regular files are converted`;
}

/** A file-system error in words a user can act on, with the system's own message kept at the end. */
export function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const cause: Record<string, string> = {
    ENOENT: "the file does not exist (deleted during the run, or a broken symbolic link)",
    EACCES: "permission denied (nianbao may not read it)",
    EPERM: "permission denied (nianbao may not read it)",
    ELOOP: "a loop of symbolic links that never reaches a file",
    ENAMETOOLONG: "the path is too long for the file system",
    EISDIR: "a folder where a file was expected",
    ENOTDIR: "a path component is not a folder",
    EIO: "an input/output error from the disk",
  };
  const words = code ? cause[code] : undefined;
  return words ? `cannot read: ${words} (${message})` : `cannot read: ${message}`;
}
