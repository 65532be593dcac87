import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    await runProcessGroup(soffice, [profile, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, ...inputs], timeLimitMs);
    return docs.map((_, index) => {
      const output = join(work, `${index}.docx`);
      return existsSync(output) ? readFileSync(output) : undefined;
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs a command in a process group of its own and, past the time limit, kills the whole group:
 * `soffice` is a script whose oosplash starts soffice.bin, and killing only the process started
 * here left soffice.bin converting (or hanging) with no one waiting for it.
 */
function runProcessGroup(command: string, args: string[], timeLimitMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (data: string) => {
      if (stderr.length < STDERR_KEPT) stderr += data;
    });
    const timer = setTimeout(() => {
      killGroup(child.pid);
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

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}
