/**
 * A small zip reader and writer for tests, fixtures, the fuzzer and the benchmark: well-formed
 * archives by default, and on request the broken ones a hostile input needs (lying sizes and CRCs,
 * pre-compressed bombs, unknown methods, ZIP64). Entries are written with a fixed date, so the bytes
 * are reproducible.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate; other values are written as given (to test refusal). */
  method: number;
}

/** An entry to write: text or bytes, deflated unless a method is given. */
export interface ZipEntryInput {
  name: string;
  data: Uint8Array | string;
  method?: number;
  /** Pre-compressed bytes to write instead of compressing `data` (bombs). */
  packed?: Uint8Array;
  /** Uncompressed size and CRC to declare, when they should lie. */
  size?: number;
  crc?: number;
}

interface ZipLayoutEntry {
  name: string;
  method: number;
  /** Offset of the central directory header. */
  central: number;
  /** Offset of the local header. */
  local: number;
  /** Offset of the compressed data. */
  dataStart: number;
  compressedSize: number;
}

interface ZipLayout {
  end: number;
  entries: ZipLayoutEntry[];
}

export function zipLayout(bytes: Uint8Array): ZipLayout | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (buffer.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries: ZipLayoutEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    if (local + 30 > buffer.length) return undefined;
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    entries.push({
      name: buffer.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      method: buffer.readUInt16LE(at + 10),
      central: at,
      local,
      dataStart,
      compressedSize: buffer.readUInt32LE(at + 20),
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return { end, entries };
}

/** The entries of a well-formed zip, inflated; undefined when it is not one. */
export function readZip(bytes: Uint8Array): ZipEntry[] | undefined {
  const layout = zipLayout(bytes);
  if (!layout) return undefined;
  try {
    return layout.entries.map((entry) => {
      const raw = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      return { name: entry.name, method: entry.method, data: entry.method === 8 ? inflateRawSync(raw) : raw };
    });
  } catch {
    return undefined;
  }
}

/**
 * Writes a zip. `packed`, `size` and `crc` let a caller write pre-compressed data (bombs) or lie about
 * sizes and checksums; by default the entry is deflated (method 8) or stored (0) with the true values.
 */
export function writeZip(entries: ZipEntryInput[], { zip64 = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = typeof entry.data === "string" ? Buffer.from(entry.data) : entry.data;
    const method = entry.method ?? 8;
    const packed = entry.packed ?? (method === 8 ? deflateRawSync(data) : data);
    const size = entry.size ?? data.length;
    const crc = entry.crc ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01: fixed, so the bytes are reproducible
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    locals.push(local, name, Buffer.from(packed));
    centrals.push(central, name, extra);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}
