import type Database from 'better-sqlite3';
import type { Position } from '@credence/event-store';
import { openSideDatabase } from '@credence/sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS stack_components (
    component_id TEXT NOT NULL, stack_id TEXT NOT NULL, PRIMARY KEY (component_id, stack_id));
  CREATE TABLE IF NOT EXISTS reactor_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);`;

/** The stack-invalidation reactor's side database: which stacks use which component, and how far it read. */
export class StackInvalidationStore {
  private constructor(private readonly db: Database.Database) {}

  /** NORMAL sync: after a power loss the reactor re-runs its last batch, and its commands dedupe by commandId. */
  static open(path: string): StackInvalidationStore {
    return new StackInvalidationStore(openSideDatabase({ path, synchronous: 'NORMAL', schema: SCHEMA }));
  }

  checkpoint(): Position | null {
    const row = this.db.prepare<[], { position: string }>('SELECT position FROM reactor_checkpoint').get();
    return row?.position ?? null;
  }

  saveCheckpoint(position: Position): void {
    this.db
      .prepare(
        'INSERT INTO reactor_checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position',
      )
      .run(position);
  }

  /** Idempotent: indexing the same award twice changes nothing. */
  index(stackId: string, componentIds: readonly string[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO stack_components VALUES (?, ?)');
    for (const component of componentIds) insert.run(component, stackId);
  }

  stacksUsing(componentId: string): string[] {
    return this.db
      .prepare<[string], { stack_id: string }>('SELECT stack_id FROM stack_components WHERE component_id = ?')
      .all(componentId)
      .map((row) => row.stack_id);
  }

  close(): void {
    this.db.close();
  }
}
