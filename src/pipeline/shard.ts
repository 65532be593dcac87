import { createHash } from "node:crypto";

export interface Shard {
  index: number;
  count: number;
}

/** Parses "i/n" (0 ≤ i < n). */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}

/**
 * Which shard owns an input: a hash of its path relative to the input folder, so every machine
 * decides the same way whatever order it lists files in, and adding files never moves others.
 */
export function inShard(relativePath: string, shard: Shard): boolean {
  const digest = createHash("sha1").update(relativePath.split("\\").join("/")).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index;
}
