/** White space as the readers fold it; \s already covers no-break, ideographic and BOM, not U+200B. */
const SPACE = "[\\s\\u00a0\\u3000\\u200b\\ufeff]";
const ANY_SPACE = new RegExp(SPACE);
const SPACE_RUN = new RegExp(`${SPACE}+`, "g");

/**
 * White space as every reader leaves it: runs of spaces (including no-break and ideographic spaces,
 * which Word and portals use as padding) fold to one space, each line is trimmed, empty lines go.
 * Explicit line breaks inside a cell survive as "\n" so a wrapped label can still be seen as such.
 */
export function foldSpace(text: string): string {
  // Most cells and many paragraphs hold no white space at all: nothing to fold, no arrays to make.
  if (!ANY_SPACE.test(text)) return text;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(SPACE_RUN, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}
