import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const CONVERT_TIMEOUT_MS = 120_000;

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
 * parallel conversions do not share (and lock) one user installation.
 */
export async function convertDocToDocx(soffice: string, bytes: Uint8Array): Promise<Uint8Array> {
  const work = mkdtempSync(join(tmpdir(), "nianbao-doc-"));
  try {
    const input = join(work, "input.doc");
    writeFileSync(input, bytes);
    await run(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, input],
      { timeout: CONVERT_TIMEOUT_MS },
    );
    const output = join(work, "input.docx");
    if (!existsSync(output)) throw new Error("LibreOffice produced no .docx");
    return readFileSync(output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
