import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { CompactRange, SqliteTree, TreeRangeError, transparencyPath } from '@credence/transparency';
import { EVENTS_FILE, withDatabase } from './sqlite-files';
import type { CheckResult, StoreCheck } from './verify';

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Every signed checkpoint (tree size → root), read before the log so none can be newer than it. */
const signedRoots = (dir: string): Map<number, Buffer> => {
  if (!existsSync(transparencyPath(dir))) return new Map();
  return withDatabase(transparencyPath(dir), (db) =>
    hasTable(db, 'tlog_checkpoints')
      ? new Map(
          (
            db.prepare('SELECT tree_size, root_hash FROM tlog_checkpoints').all() as {
              tree_size: number;
              root_hash: Buffer;
            }[]
          ).map((c) => [c.tree_size, c.root_hash]),
        )
      : new Map(),
  );
};

const hex = (hash: Buffer): string => hash.toString('hex');

/** Reported differences stop here: one forged leaf changes every node above it. */
const MAX_REPORTED = 5;

/**
 * Compares every node the rebuilt tree completes with the stored one: a node altered anywhere,
 * which the root alone would not show, is a difference.
 */
const nodeComparer =
  (tree: SqliteTree, differences: string[]) => (level: number, index: number, hash: Buffer) => {
    if (differences.length >= MAX_REPORTED) return;
    try {
      if (!tree.node(level, index).equals(hash))
        differences.push(`stored node (level ${level}, index ${index}) is not the one the log gives`);
    } catch (error) {
      if (!(error instanceof TreeRangeError)) throw error;
      differences.push(`the stored tree lacks node (level ${level}, index ${index})`);
    }
  };

/**
 * The transparency log of the embedded store: the tree rebuilt from the event hashes, leaf by leaf
 * in a CompactRange, must equal the tree stored in events.sqlite, node for node, and the root of every signed checkpoint at its
 * size. One read transaction, so a live data dir is checked at one snapshot.
 */
export const merkleRoot: StoreCheck = {
  name: 'transparency log',
  run: async (dir) => {
    const checkpoints = signedRoots(dir);
    return withDatabase(join(dir, EVENTS_FILE), (db) =>
      db.transaction((): CheckResult[] => {
        if (!hasTable(db, 'tlog_tiles'))
          return [
            { check: 'merkle root', ok: true, detail: 'no tree yet: the API builds it at its next start' },
          ];
        const tree = new SqliteTree(db);
        const differences: string[] = [];
        const range = new CompactRange(nodeComparer(tree, differences));
        const forged: string[] = [];
        const hashes = db
          .prepare('SELECT hash FROM events ORDER BY global_position')
          .pluck()
          .iterate() as IterableIterator<string>;
        for (const hash of hashes) {
          range.appendInput(Buffer.from(hash, 'hex'));
          const signed = checkpoints.get(range.size);
          if (signed && !signed.equals(range.root()))
            forged.push(
              `checkpoint at size ${range.size} signs ${hex(signed)}, the log gives ${hex(range.root())}`,
            );
        }
        for (const size of checkpoints.keys())
          if (size > range.size)
            forged.push(`checkpoint at size ${size} is beyond the log (${range.size} events)`);
        if (tree.size() !== range.size)
          forged.push(`the stored tree has ${tree.size()} leaves, the log ${range.size} events`);
        forged.push(...differences);
        return [
          {
            check: 'merkle root',
            ok: forged.length === 0,
            detail:
              forged.length === 0
                ? `${range.size} leaves, root ${hex(range.root())}, ${checkpoints.size} signed checkpoints agree`
                : forged.join('\n'),
          },
        ];
      })(),
    );
  },
};
