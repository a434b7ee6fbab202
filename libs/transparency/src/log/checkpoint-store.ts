import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDurableDatabase } from '@credence/sqlite';

/** Checkpoints (and, for EventStoreDB, the tree projection) live in their own file. */
export const transparencyPath = (dataDir: string): string => join(dataDir, 'transparency.sqlite');

export type StoredCheckpoint = Readonly<{ treeSize: number; rootHash: Buffer; note: string }>;

/** Every signed checkpoint is kept, so consistency from any size a witness saw can be proven. */
export class CheckpointStore {
  private readonly s;

  constructor(readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS tlog_checkpoints (
      tree_size INTEGER PRIMARY KEY,
      root_hash BLOB NOT NULL,
      note TEXT NOT NULL
    ) STRICT`);
    this.s = {
      latest: db.prepare<[], Row>(
        'SELECT tree_size, root_hash, note FROM tlog_checkpoints ORDER BY tree_size DESC LIMIT 1',
      ),
      at: db.prepare<[number], Row>(
        'SELECT tree_size, root_hash, note FROM tlog_checkpoints WHERE tree_size = ?',
      ),
      after: db.prepare<[number, number], Row>(
        'SELECT tree_size, root_hash, note FROM tlog_checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?',
      ),
      insert: db.prepare<[number, Buffer, string]>(
        'INSERT INTO tlog_checkpoints (tree_size, root_hash, note) VALUES (?, ?, ?) ON CONFLICT (tree_size) DO NOTHING',
      ),
    };
  }

  static open(dataDir: string): CheckpointStore {
    return new CheckpointStore(openDurableDatabase({ path: transparencyPath(dataDir) }));
  }

  latest(): StoredCheckpoint | undefined {
    return toCheckpoint(this.s.latest.get());
  }

  at(treeSize: number): StoredCheckpoint | undefined {
    return toCheckpoint(this.s.at.get(treeSize));
  }

  /** In size order: what a publisher has not sent yet. */
  after(treeSize: number, limit = 100): StoredCheckpoint[] {
    return this.s.after.all(treeSize, limit).map((row) => toCheckpoint(row)!);
  }

  /** A size is signed once: the first note for it stays (a second would be a fork of our own making). */
  save(checkpoint: StoredCheckpoint): void {
    this.s.insert.run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note);
  }

  close(): void {
    this.db.close();
  }
}

type Row = { tree_size: number; root_hash: Buffer; note: string };

const toCheckpoint = (row: Row | undefined): StoredCheckpoint | undefined =>
  row && { treeSize: row.tree_size, rootHash: row.root_hash, note: row.note };
