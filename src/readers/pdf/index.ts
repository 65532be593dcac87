/**
 * The PDF reader. pdf.js gives the text runs with their positions and the page's drawing
 * operators; the layout is rebuilt from geometry: ruling lines make the table grids (merged cells
 * where a rule is missing), text outside tables is rebuilt into lines and paragraphs, page numbers
 * are dropped, and a table broken over pages is joined back into one.
 */
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { type Block, type Document, type Paragraph, type ReaderMessage, ReaderError } from "../document.js";
import type { PlacedTable } from "./cells.js";
import { readPage } from "./page-content.js";
import { layOutPage, type PageLayout } from "./page-layout.js";
import { ParagraphBuilder } from "./paragraphs.js";
import { loadPdfJs, openPdf } from "./pdfjs.js";
import { infoProperties } from "./properties.js";
import { continues, toTable } from "./table-grid.js";

export async function readPdf(bytes: Uint8Array): Promise<Document> {
  const pdfjs = await loadPdfJs();
  const pdf = await openPdf(bytes);
  try {
    const messages: ReaderMessage[] = [];
    const pages: PageLayout[] = [];
    let withText = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      // getPage inside the catch: a damaged cross-reference entry rejects there, not in readPage.
      const content = await pdf.getPage(number).then((page) => readPage(page, pdfjs)).catch((error: unknown) => {
        throw new ReaderError(`malformed PDF: page ${number} cannot be read (${error instanceof Error ? error.message : String(error)})`, "pdf.malformed");
      });
      if (content.pieces.length > 0) withText++;
      else messages.push({ code: "pageWithoutText", message: `page ${number} has no text layer (a scanned image?); its content is missing`, loc: { page: number } });
      pages.push(layOutPage(content));
    }
    if (withText === 0) throw new ReaderError("scanned PDF: no text layer; OCR is needed", "pdf.noText");
    return { format: "pdf", blocks: assemble(pages), properties: infoProperties((await metadataOf(pdf)).info), messages };
  } finally {
    await pdf.destroy();
  }
}

function metadataOf(pdf: PDFDocumentProxy): Promise<{ info: unknown }> {
  // A broken Info dictionary costs the properties, not the document.
  return pdf.getMetadata().catch(() => ({ info: {} }));
}

/**
 * Pages to blocks in reading order. Tables are joined across a page break when the second part
 * opens its page right after the first closed the previous one; paragraphs carry over page breaks.
 */
function assemble(pages: PageLayout[]): Block[] {
  const blocks: Block[] = [];
  const paragraphs = new ParagraphBuilder();
  let table: PlacedTable[] = [];
  const flushTable = () => {
    if (table.length > 0) blocks.push(toTable(table));
    table = [];
  };
  const push = (paragraph: Paragraph | undefined) => {
    if (paragraph) blocks.push(paragraph);
  };
  for (const page of pages) {
    page.items.forEach((item, index) => {
      if (item.kind === "table") {
        push(paragraphs.close());
        const last = table[table.length - 1];
        if (!(last && index === 0 && continues(last, item.table))) flushTable();
        table.push(item.table);
        return;
      }
      flushTable();
      push(paragraphs.add(item.line, page.number, page.margins));
    });
  }
  flushTable();
  push(paragraphs.close());
  return blocks;
}
