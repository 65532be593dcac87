import type { Document } from "../document.js";
import { foldSpace } from "../normalize.js";
import { elementsOf, type HtmlElement, plainText } from "./tree.js";

/** <meta name|property> keys (lower case) for each property, most specific first. */
const META_KEYS = {
  title: ["articletitle", "og:title"],
  publishDate: ["pubdate", "publishdate", "article:published_time"],
  source: ["contentsource"],
} as const;

export interface PageHead {
  properties: Document["properties"];
  /** What the page calls the article: meta titles, <title>, and the article's part of a "标题_栏目_网站" <title>. */
  titles: string[];
}

/** Reads the page head: <meta name=… content=…> and <title>. Values stay raw (white space folded). */
export function readPageHead(root: HtmlElement): PageHead {
  const metas = new Map<string, string>();
  let pageTitle: string | undefined;
  for (const element of elementsOf(root)) {
    if (element.name === "meta") {
      const key = (element.attrs.get("name") ?? element.attrs.get("property"))?.trim().toLowerCase();
      const content = foldSpace(element.attrs.get("content") ?? "");
      if (key !== undefined && content !== "" && !metas.has(key)) metas.set(key, content);
    } else if (element.name === "title" && pageTitle === undefined) {
      pageTitle = foldSpace(plainText(element)) || undefined;
    }
  }
  const first = (keys: readonly string[]) => keys.map((key) => metas.get(key)).find((value) => value !== undefined);
  const properties: Document["properties"] = {};
  const title = first(META_KEYS.title) ?? pageTitle;
  const publishDate = first(META_KEYS.publishDate);
  const source = first(META_KEYS.source);
  if (title !== undefined) properties.title = title;
  if (publishDate !== undefined) properties.publishDate = publishDate;
  if (source !== undefined) properties.source = source;

  const titles = META_KEYS.title.map((key) => metas.get(key)).filter((value) => value !== undefined);
  if (pageTitle !== undefined) titles.push(pageTitle, ...articlePartOf(pageTitle));
  return { properties, titles };
}

/** Shorter parts of a <title> are column names (年报, 通知公告), not an article's title. */
const MIN_TITLE_PART = 8;

/**
 * The article's title inside a "标题_栏目_网站" <title>: the longest part but the last, which names
 * the site (and would match the site banner). Empty when there is no such part.
 */
function articlePartOf(pageTitle: string): string[] {
  const parts = pageTitle.split(/\s*[_|｜—–-]+\s*/);
  const longest = parts.slice(0, -1).reduce((a, b) => (b.length > a.length ? b : a), "");
  return longest.length >= MIN_TITLE_PART ? [longest] : [];
}
