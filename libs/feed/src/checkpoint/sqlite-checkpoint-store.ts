import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { comparePositions, type Position } from '@credence/event-store';
import { openSideDatabase } from '@credence/sqlite';
import { CheckpointStore } from './checkpoint-store';

/** Where every relay (apps/feed-relay, or the one inside ledger-api) keeps its checkpoint. */
export const feedCheckpointsPath = (dataDir: string): string => join(dataDir, 'feed.sqlite');

/**
 * Checkpoints in their own SQLite file (not the event store's), so saving one never contends
 * with appends. Opened durable (WAL, synchronous=FULL): surviving a crash is the whole point.
 */
export class SqliteCheckpointStore extends CheckpointStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    super();
    this.db = openSideDatabase({
      path: file,
      synchronous: 'FULL',
      schema: `CREATE TABLE IF NOT EXISTS feed_checkpoints (
        name TEXT PRIMARY KEY,
        position TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    });
  }

  async load(name: string): Promise<Position | null> {
    const row = this.db.prepare('SELECT position FROM feed_checkpoints WHERE name = ?').get(name) as
      { position: string } | undefined;
    return row?.position ?? null;
  }

  async save(name: string, position: Position): Promise<void> {
    const current = await this.load(name);
    if (comparePositions(position, current) <= 0) return;
    this.db
      .prepare(
        `INSERT INTO feed_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      )
      .run(name, position, new Date().toISOString());
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
