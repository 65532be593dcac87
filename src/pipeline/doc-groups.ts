import { isEncryptedCompoundFile } from "../readers/docx/compound.js";
import { convertDocsToDocx, findSoffice } from "../readers/doc/soffice.js";
import type { FileTask } from "./task.js";

/**
 * .doc files per LibreOffice run. LibreOffice takes about 1.7 s to start and 0.1 s a file once
 * started, so converting each .doc on its own left a .doc archive at about a file a second on two
 * cores; 16 in a run is about 4 files a second.
 */
export const DOC_GROUP_SIZE = 16;

/** A group is also closed at this many bytes, so a folder of large .doc files holds little memory. */
export const DOC_GROUP_BYTES = 32 * 1024 * 1024;

/**
 * Collects the .doc inputs of a batch and converts them with one LibreOffice run per group, in this
 * thread while the workers convert other files; each task then carries its .docx to its worker. A
 * group whose run fails or outlasts the limit (one file that hangs LibreOffice) is handed on as it
 * came, as is a file LibreOffice made nothing of: its worker converts it alone, under the file's own
 * --timeout, and says what went wrong with that file.
 */
export class DocGroups {
  private pending: FileTask[] = [];
  private pendingBytes = 0;
  /** Runs in progress: at most `runsAtOnce` (one per worker), each LibreOffice taking about a core. */
  private readonly running = new Set<Promise<void>>();

  private constructor(
    private readonly soffice: string,
    private readonly runsAtOnce: number,
    private readonly timeLimitMs: number,
    private readonly handOn: (task: FileTask) => void,
  ) {}

  /** Undefined when LibreOffice is not on the machine: .doc files then go to word-extractor. */
  static create(runsAtOnce: number, timeLimitMs: number, handOn: (task: FileTask) => void): DocGroups | undefined {
    const soffice = findSoffice();
    return soffice ? new DocGroups(soffice, Math.max(1, runsAtOnce), timeLimitMs, handOn) : undefined;
  }

  /** Takes a .doc (an encrypted one is refused by the reader without LibreOffice); false for anything else. */
  async take(task: FileTask): Promise<boolean> {
    if (task.format !== "doc" || isEncryptedCompoundFile(task.bytes)) return false;
    this.pending.push(task);
    this.pendingBytes += task.bytes.byteLength;
    if (this.pending.length >= DOC_GROUP_SIZE || this.pendingBytes >= DOC_GROUP_BYTES) await this.flush();
    return true;
  }

  /**
   * Starts a run on the files taken so far, once a run slot is free. A lone file goes to its worker
   * as it is: a run of one gains nothing, and a file that hangs would wait twice.
   */
  async flush(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (group.length === 0) return;
    if (group.length === 1) return this.handOn(group[0]!);
    while (this.running.size >= this.runsAtOnce) await Promise.race(this.running);
    const run = this.convert(group).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Ends once every file taken has been handed on. */
  async finish(): Promise<void> {
    await this.flush();
    await Promise.all(this.running);
  }

  private async convert(group: FileTask[]): Promise<void> {
    let converted: (Uint8Array | undefined)[] = [];
    try {
      converted = await convertDocsToDocx(
        this.soffice,
        group.map((task) => task.bytes),
        this.timeLimitMs,
      );
    } catch {
      // Each file is tried alone instead, where a failure is that file's and says why.
    }
    group.forEach((task, index) => {
      const docx = converted[index];
      this.handOn(docx ? { ...task, docxOfDoc: docx } : task);
    });
  }
}
