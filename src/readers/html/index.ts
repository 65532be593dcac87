import { decodeBytes } from "../decode.js";
import type { Block, Document, ReaderMessage } from "../document.js";
import { findArticle } from "./article.js";
import { blocksOf } from "./blocks.js";
import { declaredCharset } from "./charset.js";
import { lineLocator } from "./lines.js";
import { readPageHead } from "./properties.js";
import { parseHtml } from "./tree.js";

/**
 * Reads a report published as a web page: decodes the bytes (BOM, then the page's declared charset
 * when the bytes bear it out, then UTF-8, then GB18030), finds the article among the portal chrome,
 * and returns its paragraphs and tables. A fragment without chrome is all article. Nothing is
 * fetched and no script runs.
 */
export function readHtml(bytes: Uint8Array): Document {
  const { text, encoding } = decodeBytes(bytes, declaredCharset(bytes));
  const root = parseHtml(text);
  const { properties, titles } = readPageHead(root);
  const article = findArticle(root, titles);
  const lineAt = lineLocator(text);
  const messages: ReaderMessage[] = [];
  const blocks: Block[] = [];
  if (article.title) blocks.push(...blocksOf(article.title, lineAt, messages));
  blocks.push(...blocksOf(article.body, lineAt, messages));
  return { format: "html", encoding, blocks, properties, messages };
}
