import { walkContent } from "./content.js";
import { BLOCK_ELEMENTS } from "./layout.js";
import type { HtmlElement, HtmlText } from "./tree.js";

/** How much visible text an element holds: outside links (`text`) and inside them (`linkText`). */
interface Tally {
  text: number;
  linkText: number;
  /** Whether the element sits inside a link (a list of links is chrome, even one titled like the article). */
  inLink: boolean;
  /** Visible characters, links included, before the element in document order. */
  before: number;
}

/**
 * Link text costs this many characters of plain text. Menus, breadcrumbs, link lists and share
 * buttons are nearly all link text; a report has almost none.
 */
const LINK_PENALTY = 2;

/**
 * A child holding at least this share of its parent's plain text is the article rather than its
 * parent: the rest is the byline, share buttons, "print/close" and similar chrome around it.
 */
const ARTICLE_SHARE = 0.9;

/**
 * One run of text counts at most this much: no paragraph of a report is longer, and a megabyte
 * pasted into one cell must not outweigh the rest of the article and pull the search into that cell.
 */
const MAX_RUN = 4000;

export interface Article {
  /** The element whose content is the article (the whole input for a fragment without chrome). */
  body: HtmlElement;
  /**
   * The page's heading for the article when it stands outside the article body (portals print the
   * title above the text, next to the date and share buttons).
   */
  title?: HtmlElement;
}

/**
 * Finds the article among the page chrome. Every element is scored by its visible plain text minus
 * a penalty for link text, so containers of menus and link lists lose to the one holding the
 * report's paragraphs and tables; from the best one we step down while a single child holds nearly
 * all of its text. `titles` are what the page head calls the article, used to find a title printed
 * outside the article body.
 */
export function findArticle(root: HtmlElement, titles: string[]): Article {
  const tallies = tallyText(root);
  let best = root;
  let bestScore = Number.NEGATIVE_INFINITY;
  // Post-order (children before parents): a parent adding nothing does not displace its child.
  for (const [element, tally] of tallies) {
    if (!canHoldArticle(element)) continue;
    const score = tally.text - LINK_PENALTY * tally.linkText;
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  const body = narrow(best, tallies);
  const title = findTitleBefore(body, tallies, titles, root);
  return title ? { body, title } : { body };
}

/** Tallies every visible element, in post-order. */
function tallyText(root: HtmlElement): Map<HtmlElement, Tally> {
  const tallies = new Map<HtmlElement, Tally>();
  const open: Tally[] = [];
  let linkDepth = 0;
  let seen = 0;
  walkContent(root, {
    enter(element) {
      if (element.name === "a") linkDepth++;
      open.push({ text: 0, linkText: 0, inLink: linkDepth > 0, before: seen });
      return true;
    },
    text(node: HtmlText) {
      const tally = open[open.length - 1]!;
      const length = Math.min(visibleLength(node.text), MAX_RUN);
      seen += length;
      if (linkDepth > 0) tally.linkText += length;
      else tally.text += length;
    },
    leave(element) {
      if (element.name === "a") linkDepth--;
      const tally = open.pop()!;
      tallies.set(element, tally);
      const parent = open[open.length - 1];
      if (parent) {
        parent.text += tally.text;
        parent.linkText += tally.linkText;
      }
    },
  });
  return tallies;
}

/** White space as foldSpace sees it (JS `\s`, which takes in no-break and ideographic spaces, and U+200B). */
function isBlank(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Characters that show, counted in UTF-16 units like `String#length`. */
function visibleLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (!isBlank(text.charCodeAt(i))) count++;
  return count;
}

/** The text without white space, so "平潭…2018年度 / 政府信息…报告" split over two lines still matches. */
function squeeze(text: string): string {
  return text.replace(/[\s\u200b]+/g, "");
}

/** Elements of a table's grid above its cells. */
const TABLE_GRID = new Set(["table", "thead", "tbody", "tfoot", "tr"]);

function narrow(element: HtmlElement, tallies: Map<HtmlElement, Tally>): HtmlElement {
  let current = element;
  /** The deepest element reached outside a table's grid. */
  let settled = element;
  for (;;) {
    const total = tallies.get(current)!.text;
    const holder = childBlocks(current).find(
      (child) => canHoldArticle(child) && (tallies.get(child)?.text ?? 0) >= ARTICLE_SHARE * total,
    );
    if (!holder || total === 0) break;
    current = holder;
    if (!TABLE_GRID.has(current.name)) settled = current;
  }
  // A layout table framing the article is stepped through down to the cell holding it. Stopping
  // inside a grid instead means a data table outweighs the text around it (a long appendix listing
  // thousands of documents): the article is what holds the table, not the table.
  return TABLE_GRID.has(current.name) ? settled : current;
}

/** Rows and row groups: an article may sit in a layout table's cell, but never is a row of cells. */
const TABLE_PARTS = new Set(["thead", "tbody", "tfoot", "tr"]);

/**
 * Rows never hold the article, and a cell only when it frames blocks (paragraphs, a nested table):
 * that is a layout table around the page. A cell of bare text is data, however long.
 */
function canHoldArticle(element: HtmlElement): boolean {
  if (TABLE_PARTS.has(element.name)) return false;
  if (element.name !== "td" && element.name !== "th") return true;
  return element.children.some((child) => child.type === "element" && BLOCK_ELEMENTS.has(child.name));
}

/** The child elements, looking through table rows and row groups straight to the cells. */
function childBlocks(element: HtmlElement): HtmlElement[] {
  const found: HtmlElement[] = [];
  const pending = [...element.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type !== "element") continue;
    if (TABLE_PARTS.has(node.name)) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
    else found.push(node);
  }
  return found;
}

/** How many candidate title elements are read in full before giving up (each read costs its subtree). */
const TITLE_CANDIDATES_READ = 8;

/**
 * At most this many visible characters (links included) between a title and the article: the
 * byline, share buttons and tabs fit, the menus between a site banner and the article do not.
 */
const MAX_TITLE_GAP = 300;

/** Longer "titles" are not titles; the cap also bounds the quadratic comparison below. */
const MAX_TITLE_LENGTH = 200;

/**
 * The article already opens with its title when its first characters match the title this closely
 * (as a share of the title's characters found in order): Word pastes break or reword the title
 * ("2019年" for "2019年度"), so exact matching would print it twice.
 */
const SAME_TITLE = 0.8;

/**
 * The nearest element shortly before the article whose text is one of `titles`, unless the article
 * already starts with that title. Elements are first matched on their visible length, so only a few
 * are read.
 */
function findTitleBefore(
  body: HtmlElement,
  tallies: Map<HtmlElement, Tally>,
  titles: string[],
  root: HtmlElement,
): HtmlElement | undefined {
  const wanted = new Set(titles.map(squeeze).filter((title) => title !== "" && title.length <= MAX_TITLE_LENGTH));
  const opensWithTitle = (title: string) => {
    const opening = squeeze(leadingText(body, title.length + 4)).slice(0, title.length + 4);
    return commonSubsequenceLength(title, opening) >= SAME_TITLE * title.length;
  };
  if (wanted.size === 0 || [...wanted].some(opensWithTitle)) return undefined;
  const lengths = new Set([...wanted].map((title) => title.length));
  const bodyBefore = tallies.get(body)!.before;
  const candidates: HtmlElement[] = [];
  for (const [element, tally] of tallies) {
    const isCandidate =
      element !== root &&
      element.start < body.start &&
      !tally.inLink &&
      tally.linkText === 0 &&
      lengths.has(tally.text) &&
      bodyBefore - (tally.before + tally.text) <= MAX_TITLE_GAP;
    if (isCandidate) candidates.push(element);
  }
  // Nearest first: the title closest before the article, and the innermost of nested wrappers.
  candidates.sort((a, b) => b.start - a.start);
  return candidates
    .slice(0, TITLE_CANDIDATES_READ)
    .find((element) => wanted.has(squeeze(leadingText(element, Number.POSITIVE_INFINITY))));
}

/** The first `limit` visible characters of an element (roughly: the walk stops once it has enough). */
function leadingText(element: HtmlElement, limit: number): string {
  let text = "";
  let seen = 0;
  walkContent(element, {
    enter: () => seen < limit,
    text(node) {
      if (seen >= limit) return;
      text += node.text;
      seen += visibleLength(node.text);
    },
  });
  return text;
}

/** Length of the longest common subsequence (titles are short, so the quadratic table is cheap). */
function commonSubsequenceLength(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    }
    previous = row;
  }
  return previous[b.length]!;
}
