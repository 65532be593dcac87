import type { ReaderCode } from "../schema/rules.js";

/**
 * The one document model every reader produces. Downstream stages (structure, tables, checks) read
 * only this, so a new input format is a new reader and nothing else. Readers know nothing of the
 * report template: they deliver paragraphs and tables with resolved spans, in reading order.
 */

export type SourceFormat = "text" | "html" | "docx" | "pdf" | "doc";

/** Where a block or cell sits in the source, so a value can be traced back to it. */
export interface SourceLocation {
  /** 1-based line in the decoded text (text, and HTML where the parser reports it). */
  line?: number;
  /** Page number, for paginated formats. */
  page?: number;
}

export interface Paragraph {
  kind: "paragraph";
  /** Text with runs joined, white space folded, automatic numbering (一、 （一） 1.) restored. */
  text: string;
  /** Outline level when the source marks the paragraph as a heading (docx heading styles, <h1>…). */
  headingLevel?: number;
  loc: SourceLocation;
}

/**
 * One source cell placed on the table grid. `row`/`col` are the grid slot of its top-left corner;
 * a merged cell covers rowSpan × colSpan slots and appears once.
 */
export interface TableCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  loc: SourceLocation;
}

export interface Table {
  kind: "table";
  /** Cells in source order (row by row, left to right). */
  cells: TableCell[];
  rowCount: number;
  colCount: number;
  loc: SourceLocation;
}

export type Block = Paragraph | Table;

/** A recoverable oddity met while reading; never thrown, carried to the report as a `reader.<code>` finding. */
export interface ReaderMessage {
  code: ReaderCode;
  message: string;
  loc?: SourceLocation;
}

export interface Document {
  format: SourceFormat;
  /** Character encoding the bytes were decoded with, where the format is text-based. */
  encoding?: string;
  blocks: Block[];
  /** What the container says about itself (HTML <meta>, docx core properties, PDF info). Raw strings. */
  properties: {
    title?: string;
    publishDate?: string;
    createdDate?: string;
    source?: string;
  };
  messages: ReaderMessage[];
  /** How the reader got here, e.g. "docx via soffice" (shown in the manifest). */
  via?: string;
}

/** A problem that makes the input unreadable. The message names the problem in the user's terms. */
export class ReaderError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "ReaderError";
  }
}
