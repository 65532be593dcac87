/** A line longer than this is a whole page flattened onto one line, not a paragraph. */
const RUN_ON = 400;
const HEADING_AFTER_SENTENCE = /(?<=[。；！？])\s*(?=[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)/u;

/**
 * Splits a run-on page line back into paragraphs where a sentence ends and a numbered heading
 * (一、 （一）) begins. Inside flattened tables numbers run into labels without a full stop, so table
 * text stays together.
 */
export function splitRunOn(line: string): string[] {
  if (line.length <= RUN_ON) return [line];
  return line.split(HEADING_AFTER_SENTENCE).filter((part) => part.trim() !== "");
}
