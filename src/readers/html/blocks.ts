import type { Block, ReaderMessage } from "../document.js";
import { foldSpace } from "../normalize.js";
import { walkContent } from "./content.js";
import { BLOCK_ELEMENTS, headingLevel, LINE_BREAKING_BLOCKS, renderedWhiteSpace } from "./layout.js";
import { tableBlocks } from "./table.js";
import type { HtmlElement } from "./tree.js";

/**
 * The paragraphs and tables under `root`, in reading order. Each block element ends the paragraph
 * before it; inline elements (span, font, b, a…) only add text.
 */
export function blocksOf(root: HtmlElement, lineAt: (offset: number) => number, messages: ReaderMessage[]): Block[] {
  const blocks: Block[] = [];
  const paragraph = new ParagraphBuilder(blocks, lineAt);
  /** The open block elements, innermost last: a <br> splits paragraphs unless the innermost is a <p>-like block. */
  const openBlocks: string[] = [];
  let preDepth = 0;
  walkContent(root, {
    enter(element) {
      const name = element.name;
      if (name === "br") {
        if (LINE_BREAKING_BLOCKS.has(openBlocks[openBlocks.length - 1] ?? "")) paragraph.addLineBreak();
        else paragraph.finish();
        return false;
      }
      if (BLOCK_ELEMENTS.has(name)) {
        paragraph.finish();
        // Pushed even for a table read whole below: leave() is still called and pops it.
        openBlocks.push(name);
        paragraph.headingLevel = headingLevel(name) ?? paragraph.headingLevel;
      }
      if (name === "table") {
        const tables = tableBlocks(element, lineAt, messages);
        if (tables) {
          for (const table of tables) blocks.push(table);
          return false;
        }
      }
      if (name === "pre") preDepth++;
      return true;
    },
    leave(element) {
      const name = element.name;
      if (BLOCK_ELEMENTS.has(name)) {
        paragraph.finish();
        openBlocks.pop();
        if (headingLevel(name) !== undefined) paragraph.headingLevel = undefined;
      }
      if (name === "pre") preDepth--;
    },
    text(node) {
      paragraph.addText(renderedWhiteSpace(node.text, preDepth > 0), node.start);
    },
  });
  paragraph.finish();
  return blocks;
}

/** Collects the text of the paragraph being read and emits it once a block boundary ends it. */
class ParagraphBuilder {
  /** Set while inside <h1>…<h6>. */
  headingLevel: number | undefined;
  private parts: string[] = [];
  private start: number | undefined;

  constructor(
    private readonly blocks: Block[],
    private readonly lineAt: (offset: number) => number,
  ) {}

  addText(text: string, start: number): void {
    this.parts.push(text);
    // The paragraph is located at its first visible character, not at the white space before it.
    if (this.start === undefined) {
      const visible = text.search(/[^\s\u00a0\u3000]/);
      if (visible !== -1) this.start = start + visible;
    }
  }

  addLineBreak(): void {
    this.parts.push("\n");
  }

  finish(): void {
    const text = foldSpace(this.parts.join(""));
    if (text !== "" && this.start !== undefined) {
      const loc = { line: this.lineAt(this.start) };
      this.blocks.push(
        this.headingLevel === undefined
          ? { kind: "paragraph", text, loc }
          : { kind: "paragraph", text, headingLevel: this.headingLevel, loc },
      );
    }
    this.parts = [];
    this.start = undefined;
  }
}
