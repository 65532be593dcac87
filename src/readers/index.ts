import type { Document, SourceFormat } from "./document.js";
import { readDoc } from "./doc/index.js";
import { readDocx } from "./docx/index.js";
import { readHtml } from "./html/index.js";
import { readPdf } from "./pdf/index.js";
import { readText } from "./text/index.js";

/** Limits and switches for reading one document; every field is optional. */
export interface ReadOptions {
  /** A .docx whose parts inflate to more than this many bytes is refused (zip-bomb guard). */
  maxInflatedBytes?: number;
}

type Reader = (bytes: Uint8Array, options: ReadOptions) => Document | Promise<Document>;

const READERS: Record<SourceFormat, Reader> = {
  text: readText,
  html: readHtml,
  docx: readDocx,
  pdf: readPdf,
  doc: readDoc,
};

export async function readDocument(format: SourceFormat, bytes: Uint8Array, options: ReadOptions = {}): Promise<Document> {
  return READERS[format](bytes, options);
}
