import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

const DEFAULT_TIME_LIMIT_MS = 120_000;
/** Enough of LibreOffice's complaint to say what went wrong. */
const STDERR_KEPT = 4096;

/**
 * LibreOffice's command-line converter, looked up on PATH at run time (it is an optional system
 * package); NIANBAO_SOFFICE names another binary, or "0" turns the .doc → .docx path off.
 */
export function findSoffice(): string | undefined {
  const configured = process.env.NIANBAO_SOFFICE;
  if (configured === "0") return undefined;
  if (configured) return existsSync(configured) ? configured : undefined;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Converts a legacy .doc to .docx with LibreOffice, in a private folder with a private profile so
 * parallel conversions do not share (and lock) one user installation. A conversion that outlasts
 * `timeLimitMs` is stopped and the folder removed.
 */
export async function convertDocToDocx(soffice: string, bytes: Uint8Array, timeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<Uint8Array> {
  const [docx] = await convertDocsToDocx(soffice, [bytes], timeLimitMs);
  if (!docx) throw new Error("LibreOffice produced no .docx");
  return docx;
}

/**
 * Converts several .doc files with one LibreOffice run: it takes about 1.7 s to start and 0.1 s a
 * file once started. Each result is the .docx of the file at the same index, or undefined where
 * LibreOffice made none (it goes on after a file it cannot read). Throws when the run fails or
 * outlasts `timeLimitMs`; the folder is removed either way.
 */
export async function convertDocsToDocx(soffice: string, docs: Uint8Array[], timeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<(Uint8Array | undefined)[]> {
  const work = mkdtempSync(join(tmpdir(), "nianbao-doc-"));
  try {
    const inputs = docs.map((bytes, index) => {
      const input = join(work, `${index}.doc`);
      writeFileSync(input, bytes);
      return input;
    });
    const profile = `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`;
    await runWithTimeLimit(soffice, [profile, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, ...inputs], timeLimitMs);
    return docs.map((_, index) => {
      const output = join(work, `${index}.docx`);
      return existsSync(output) ? readFileSync(output) : undefined;
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs a command and, past the time limit, kills it with every process it started: `soffice` is a
 * script whose oosplash starts soffice.bin, and killing only the process started here left
 * soffice.bin converting (or hanging) with no one waiting for it. It stays in nianbao's process
 * group, so a Ctrl-C at the terminal still stops it with the run.
 */
function runWithTimeLimit(command: string, args: string[], timeLimitMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (data: string) => {
      if (stderr.length < STDERR_KEPT) stderr += data;
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killTree(child.pid);
      reject(new Error(`it took longer than ${timeLimitMs / 1000} s and was stopped`));
    }, timeLimitMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`it exited with ${code ?? signal}${stderr.trim() ? `: ${stderr.trim()}` : ""}`));
    });
  });
}

/** Kills a process and its descendants, found through /proc (without /proc, the process alone). */
function killTree(pid: number): void {
  killAll([pid, ...descendantsOf(pid)]);
}

/**
 * Kills every process this one started, LibreOffice and its children: for a run that is ending at
 * once (Ctrl-C, SIGTERM), whose conversions will not stop them themselves.
 */
export function killChildProcesses(): void {
  killAll(descendantsOf(process.pid));
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    // "pid (command) state ppid …": the command may hold spaces and parentheses, so read after the last ")".
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const siblings = children.get(parent);
    if (siblings) siblings.push(Number(entry));
    else children.set(parent, [Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
