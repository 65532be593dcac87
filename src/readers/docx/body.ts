/**
 * Walks word/document.xml into blocks in reading order: the paragraphs and tables of w:body,
 * including those inside content controls and other wrappers. A table nested in a cell becomes its
 * own block after the table holding it, and its text also stays in the holding cell.
 */
import type { Block, ReaderMessage, Table } from "../document.js";
import { foldSpace } from "../normalize.js";
import { type ParagraphContext, readParagraph, TRANSPARENT_WRAPPERS } from "./paragraph.js";
import { type CellContent, readTable, tableText } from "./table.js";
import { child, type XmlElement } from "./xml.js";

export interface BodyContext extends ParagraphContext {
  messages: ReaderMessage[];
}

export function readBody(document: XmlElement, context: BodyContext): Block[] {
  const blocks: Block[] = [];
  const body = child(document, "w:body");
  if (!body) return blocks;
  forEachBlockElement(body, context, (element) => {
    if (element.name === "w:tbl") {
      blocks.push(...readTableElement(element, context));
      return;
    }
    const paragraph = readParagraph(element, context);
    if (paragraph.text !== "") blocks.push(paragraph);
  });
  return blocks;
}

function readTableElement(tbl: XmlElement, context: BodyContext): Table[] {
  return readTable(tbl, (tc) => readCell(tc, context), context.messages);
}

/** A cell's paragraphs, one per line, with the text of nested tables in their place. */
function readCell(tc: XmlElement, context: BodyContext): CellContent {
  const lines: string[] = [];
  const nested: Table[] = [];
  forEachBlockElement(tc, context, (element) => {
    if (element.name === "w:tbl") {
      const [inner, ...deeper] = readTableElement(element, context);
      if (inner) {
        lines.push(tableText(inner));
        nested.push(inner, ...deeper);
      }
      return;
    }
    lines.push(readParagraph(element, context).text);
  });
  return { text: foldSpace(lines.join("\n")), nested };
}

/** Calls `visit` for each w:p and w:tbl of a block container, in order, looking through wrappers. */
function forEachBlockElement(container: XmlElement, context: BodyContext, visit: (element: XmlElement) => void): void {
  for (const node of container.children) {
    if (typeof node === "string") continue;
    if (node.name === "w:p" || node.name === "w:tbl") visit(node);
    else if (TRANSPARENT_WRAPPERS.has(node.name)) forEachBlockElement(node, context, visit);
    else if (node.name === "w:altChunk") {
      context.messages.push({ code: "embeddedFile", message: "the document embeds another file (w:altChunk) whose content is not read" });
    }
  }
}
