import { type Document, ReaderError, type SourceFormat } from "./document.js";
import { readDocx } from "./docx/index.js";
import { readHtml } from "./html/index.js";
import { readText } from "./text/index.js";

type Reader = (bytes: Uint8Array) => Document | Promise<Document>;

const READERS: Record<SourceFormat, Reader> = {
  text: readText,
  html: readHtml,
  docx: readDocx,
  pdf: () => {
    throw new ReaderError("PDF input is not supported yet", "pdf.unsupported");
  },
  doc: () => {
    throw new ReaderError(
      "legacy Word .doc (or an encrypted .docx, which has the same container) is not supported yet",
      "doc.unsupported",
    );
  },
};

export async function readDocument(format: SourceFormat, bytes: Uint8Array): Promise<Document> {
  return READERS[format](bytes);
}
