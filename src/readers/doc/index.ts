import WordExtractor from "word-extractor";
import { type Document, ReaderError } from "../document.js";
import { isEncryptedCompoundFile, refuseCompoundFile } from "../docx/compound.js";
import { type DocxOptions, readDocx } from "../docx/index.js";
import { readText } from "../text/index.js";
import { convertDocToDocx, findSoffice } from "./soffice.js";

/**
 * Legacy Word 97–2003 .doc. With LibreOffice on the machine the file is converted to .docx first,
 * which keeps its tables (merged cells included); without it word-extractor gives the text only:
 * its table rows come out as tab-separated cells with row ends it does not mark consistently, so
 * cells are kept as text joined by " | " and no value is read from them (they would be guesses).
 * `via` on the Document says which path was taken; the manifest shows it.
 */
export interface DocOptions extends DocxOptions {
  /** Longest LibreOffice may take to convert the file (default 120 s). */
  timeLimitMs?: number;
  /** The .docx LibreOffice already made of this file; it is read instead of converting again. */
  docxOfDoc?: Uint8Array;
}

export async function readDoc(bytes: Uint8Array, { timeLimitMs, docxOfDoc, ...options }: DocOptions = {}): Promise<Document> {
  if (isEncryptedCompoundFile(bytes)) refuseCompoundFile(bytes);
  const docx = docxOfDoc ?? (await convertWithLibreOffice(bytes, timeLimitMs));
  if (docx) return { ...readDocx(docx, options), format: "doc", via: "soffice: .doc converted to .docx" };
  let body: string;
  try {
    body = (await new WordExtractor().extract(Buffer.from(bytes))).getBody();
  } catch (error) {
    throw new ReaderError(`not a readable Word .doc: ${(error as Error).message}`, "doc.unreadable");
  }
  const { encoding: _utf8, ...text } = readText(new TextEncoder().encode(body.replace(/\t/g, " | ")));
  return { ...text, format: "doc", via: "word-extractor: text only, tables not read (LibreOffice not found)" };
}

/** The .docx LibreOffice makes of the file, or undefined when LibreOffice is not on the machine. */
async function convertWithLibreOffice(bytes: Uint8Array, timeLimitMs: number | undefined): Promise<Uint8Array | undefined> {
  const soffice = findSoffice();
  if (!soffice) return undefined;
  try {
    return await convertDocToDocx(soffice, bytes, timeLimitMs);
  } catch (error) {
    throw new ReaderError(`LibreOffice could not convert this .doc: ${(error as Error).message.split("\n")[0]}`, "doc.convert");
  }
}
