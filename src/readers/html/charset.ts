/** How much of the page the charset sniffing reads, as browsers do (the HTML spec's prescan reads 1024 bytes; portals put long heads first). */
const SNIFF_BYTES = 4096;

const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

/**
 * The charset a page declares in a <meta charset> or <meta http-equiv="Content-Type"
 * content="…; charset=…">, read from the raw bytes before decoding (the declaration is ASCII in
 * every encoding that can carry it). Comments are skipped so a commented-out meta does not count.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so ASCII markup reads the same whatever the encoding.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, SNIFF_BYTES)).replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  const charset = META_CHARSET.exec(head)?.[1];
  // A UTF-16 declaration found by an ASCII scan is false by construction; browsers read such pages as UTF-8.
  return charset === undefined || /^utf-?16/i.test(charset) ? undefined : charset;
}
