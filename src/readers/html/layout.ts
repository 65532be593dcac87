/**
 * What HTML rendering rules the reader follows: which elements start a new line, which keep a
 * <br> as a line break inside one paragraph, and how source white space collapses.
 */

/** Elements rendered as blocks: text before and after them never runs together. */
export const BLOCK_ELEMENTS = new Set([
  "#root",
  "html",
  "body",
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/**
 * Blocks in which a <br> only breaks the line: a <p> with <br>s is still one paragraph. Anywhere else
 * (text straight under a <div>) each <br>-separated line is its own paragraph, which keeps headings
 * such as "一、总体情况" apart from the text that follows them.
 */
export const LINE_BREAKING_BLOCKS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "dt",
  "dd",
  "pre",
  "address",
  "caption",
  "figcaption",
  "summary",
  "legend",
]);

export function headingLevel(name: string): number | undefined {
  return /^h[1-6]$/.test(name) ? Number(name[1]) : undefined;
}

/** Source white space as a browser shows it: line ends and tabs are spaces unless the text is preformatted. */
export function renderedWhiteSpace(text: string, preformatted: boolean): string {
  return preformatted ? text.replace(/\r\n?/g, "\n") : text.replace(/[\t\n\r\f]/g, " ");
}
