import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '@credence/event-store';
import type { LogTree } from '../log/log-tree';
import { leafHash } from '../tree/rfc9162';
import { SqliteTree } from './sqlite-tree';

/**
 * The tree of a log held by EventStoreDB, kept as a checkpointed projection in transparency.sqlite:
 * leaves, nodes and the position the projection reached commit in one transaction, so a crash
 * replays from the last committed batch and never adds a leaf twice. It lags the store by the
 * subscription's delay; the embedded store's tree instead commits with the append itself.
 */
export class ProjectedLogTree implements LogTree {
  private readonly tree: SqliteTree;
  private readonly s;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS tlog_leaves (
        leaf_index INTEGER PRIMARY KEY,
        position TEXT NOT NULL UNIQUE,
        event_hash TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS tlog_projection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position TEXT NOT NULL
      ) STRICT`);
    this.tree = new SqliteTree(db);
    this.s = {
      position: db.prepare<[], string>('SELECT position FROM tlog_projection WHERE id = 1').pluck(),
      savePosition: db.prepare<[string]>(
        'INSERT INTO tlog_projection (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
      hasPosition: db.prepare<[string], number>('SELECT 1 FROM tlog_leaves WHERE position = ?').pluck(),
      insertLeaf: db.prepare<[number, string, string]>(
        'INSERT INTO tlog_leaves (leaf_index, position, event_hash) VALUES (?, ?, ?)',
      ),
      eventHash: db
        .prepare<[number], string>('SELECT event_hash FROM tlog_leaves WHERE leaf_index = ?')
        .pluck(),
      leafIndex: db
        .prepare<[string], number>('SELECT leaf_index FROM tlog_leaves WHERE position = ?')
        .pluck(),
    };
  }

  /** The last position the tree holds; null before the first event. */
  position(): string | null {
    return this.s.position.get() ?? null;
  }

  /** Adds a batch of the global log in one transaction; events already held are skipped. */
  apply(events: readonly RecordedEvent[]): void {
    this.db
      .transaction(() => {
        const fresh = events.filter((event) => this.s.hasPosition.get(event.globalPosition) === undefined);
        if (fresh.length === 0) return;
        const size = this.tree.size();
        fresh.forEach((event, i) => this.s.insertLeaf.run(size + i, event.globalPosition, event.hash));
        this.tree.appendLeaves(
          fresh.map((event) => leafHash(Buffer.from(event.hash, 'hex'))),
          size,
        );
        this.s.savePosition.run(fresh[fresh.length - 1].globalPosition);
      })
      .immediate();
  }

  size(): number {
    return this.tree.size();
  }

  node(level: number, index: number): Buffer {
    return this.tree.node(level, index);
  }

  eventHashAt(leafIndex: number): string | undefined {
    return this.s.eventHash.get(leafIndex);
  }

  leafIndexes(positions: readonly string[]): (number | null)[] {
    return positions.map((position) => this.s.leafIndex.get(position) ?? null);
  }

  close(): void {
    this.db.close();
  }
}

/** Follows the store's global log into the tree, from where the tree left off. */
export const followIntoTree = (store: EventStore, tree: ProjectedLogTree, batchSize = 500): Subscription =>
  store.subscribe({ after: tree.position(), batchSize }, async (events) => tree.apply(events));
