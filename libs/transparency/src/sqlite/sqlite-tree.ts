import type Database from 'better-sqlite3';
import { type NodeSource, TreeRangeError } from '../tree/node-source';
import { HASH_SIZE, nodeHash } from '../tree/rfc9162';

/** Nodes per row. Small enough that a row fits a page; large enough that a level is few rows. */
const STRIP = 32;
const STRIP_BYTES = STRIP * HASH_SIZE;
/** Full strips never change, so they can be cached; 8,192 of them is 8 MiB whatever the tree size. */
const CACHED_STRIPS = 8192;

/**
 * Every complete node of every level, stored as strips of consecutive nodes: node (level, i) is at
 * byte (i mod 32)·32 of row (level, ⌊i/32⌋). A proof reads at most two strips per level, and the
 * tree is never held in memory. Created on demand in whatever file the caller opens, so it can
 * share the embedded event store's transaction.
 */
export const TREE_SCHEMA = `CREATE TABLE IF NOT EXISTS tlog_strips (
  level INTEGER NOT NULL,
  strip INTEGER NOT NULL,
  hashes BLOB NOT NULL,
  PRIMARY KEY (level, strip)
) STRICT, WITHOUT ROWID`;

const prepare = (db: Database.Database) => {
  db.exec(TREE_SCHEMA);
  return {
    strip: db.prepare<[number, number], Buffer>('SELECT hashes FROM tlog_strips WHERE level = ? AND strip = ?').pluck(),
    lastLeafStrip: db.prepare<[], { strip: number; bytes: number }>(
      'SELECT strip, length(hashes) AS bytes FROM tlog_strips WHERE level = 0 ORDER BY strip DESC LIMIT 1',
    ),
    // Appending to a partial strip concatenates in SQL: no read-modify-write round trip.
    append: db.prepare<[number, number, Buffer]>(
      `INSERT INTO tlog_strips (level, strip, hashes) VALUES (?, ?, ?)
       ON CONFLICT (level, strip) DO UPDATE SET hashes = CAST(hashes || excluded.hashes AS BLOB)`,
    ),
  };
};

export class SqliteTree implements NodeSource {
  private readonly s: ReturnType<typeof prepare>;
  private readonly fullStrips = new Map<string, Buffer>();

  /**
   * `cacheFullStrips: false` for a writer: inside a transaction that may still roll back, what it
   * reads is not yet known to be permanent.
   */
  constructor(
    readonly db: Database.Database,
    private readonly cacheFullStrips = true,
  ) {
    this.s = prepare(db);
  }

  /** Leaves in the tree, read from the file (another connection may have appended). */
  size(): number {
    const last = this.s.lastLeafStrip.get();
    return last ? last.strip * STRIP + last.bytes / HASH_SIZE : 0;
  }

  node(level: number, index: number): Buffer {
    const strip = this.stripAt(level, Math.floor(index / STRIP));
    const offset = (index % STRIP) * HASH_SIZE;
    if (!strip || strip.length < offset + HASH_SIZE) throw new TreeRangeError(`no complete node at level ${level}, index ${index}`);
    return strip.subarray(offset, offset + HASH_SIZE);
  }

  /**
   * Appends leaf hashes after the current size, with every node they complete. The caller owns
   * the transaction; nothing is written if it rolls back.
   */
  appendLeaves(leafHashes: readonly Buffer[], size = this.size()): number {
    const added = new Map<number, Buffer[]>();
    const push = (level: number, hash: Buffer) => {
      const nodes = added.get(level) ?? [];
      if (nodes.length === 0) added.set(level, nodes);
      nodes.push(hash);
    };
    let n = size;
    for (const leaf of leafHashes) {
      push(0, leaf);
      // A right child completes its parent; the left sibling is the level's previous node.
      let hash = leaf;
      for (let level = 0, index = n; index % 2 === 1; level += 1, index = (index - 1) / 2) {
        const pending = added.get(level)!;
        const left = pending.length >= 2 ? pending[pending.length - 2] : this.node(level, index - 1);
        hash = nodeHash(left, hash);
        push(level + 1, hash);
      }
      n += 1;
    }
    for (const [level, nodes] of added) this.writeLevel(level, Math.floor(size / 2 ** level), nodes);
    return n;
  }

  private writeLevel(level: number, first: number, nodes: readonly Buffer[]): void {
    let index = first;
    let at = 0;
    while (at < nodes.length) {
      const room = STRIP - (index % STRIP);
      const chunk = nodes.slice(at, at + room);
      this.s.append.run(level, Math.floor(index / STRIP), Buffer.concat(chunk));
      index += chunk.length;
      at += chunk.length;
    }
  }

  private stripAt(level: number, strip: number): Buffer | undefined {
    const key = `${level}:${strip}`;
    const cached = this.fullStrips.get(key);
    if (cached) {
      this.fullStrips.delete(key);
      this.fullStrips.set(key, cached);
      return cached;
    }
    const stored = this.s.strip.get(level, strip);
    if (this.cacheFullStrips && stored && stored.length === STRIP_BYTES) {
      this.fullStrips.set(key, stored);
      if (this.fullStrips.size > CACHED_STRIPS) this.fullStrips.delete(this.fullStrips.keys().next().value!);
    }
    return stored;
  }
}
