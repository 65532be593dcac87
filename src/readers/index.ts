import type { Document, SourceFormat } from "./document.js";

/** Limits and switches for reading one document; every field is optional. */
export interface ReadOptions {
  /** A .docx whose parts inflate to more than this many bytes is refused (zip-bomb guard). */
  maxInflatedBytes?: number;
  /**
   * Longest an external converter may run on the document (LibreOffice for a .doc). The batch sets it
   * inside the file's --timeout, so a converter that hangs is stopped with its whole process tree
   * rather than left running after its worker is stopped.
   */
  timeLimitMs?: number;
  /** For a .doc: the .docx LibreOffice already made of it (the batch converts .doc files in groups). */
  docxOfDoc?: Uint8Array;
}

type Reader = (bytes: Uint8Array, options: ReadOptions) => Document | Promise<Document>;

/**
 * Each reader is loaded the first time a document of its format comes: a worker converting an
 * archive of .docx files never compiles the HTML parser, word-extractor or pdf.js (a third of a
 * worker's module loading when loaded eagerly: 110 against 188 ms).
 */
const LOADERS: Record<SourceFormat, () => Promise<Reader>> = {
  text: () => import("./text/index.js").then((m) => m.readText),
  html: () => import("./html/index.js").then((m) => m.readHtml),
  docx: () => import("./docx/index.js").then((m) => m.readDocx),
  pdf: () => import("./pdf/index.js").then((m) => m.readPdf),
  doc: () => import("./doc/index.js").then((m) => m.readDoc),
};

const loaded = new Map<SourceFormat, Reader>();

/** Loads the reader of `format` (once); a worker calls it before starting the clock on a file. */
export async function loadReader(format: SourceFormat): Promise<Reader> {
  let reader = loaded.get(format);
  if (!reader) {
    reader = await LOADERS[format]();
    loaded.set(format, reader);
  }
  return reader;
}

export async function readDocument(format: SourceFormat, bytes: Uint8Array, options: ReadOptions = {}): Promise<Document> {
  return (await loadReader(format))(bytes, options);
}
