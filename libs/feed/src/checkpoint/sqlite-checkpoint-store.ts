import Database from 'better-sqlite3';
import { comparePositions, type Position } from '@credence/event-store';
import { CheckpointStore } from './checkpoint-store';

/**
 * Checkpoints in their own SQLite file (not the event store's), so saving one never contends
 * with appends. synchronous=FULL: a checkpoint that survives a crash is the whole point.
 */
export class SqliteCheckpointStore extends CheckpointStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    super();
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS feed_checkpoints (
      name TEXT PRIMARY KEY,
      position TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
  }

  async load(name: string): Promise<Position | null> {
    const row = this.db.prepare('SELECT position FROM feed_checkpoints WHERE name = ?').get(name) as
      | { position: string }
      | undefined;
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
