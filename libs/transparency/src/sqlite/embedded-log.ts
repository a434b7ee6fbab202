import type Database from 'better-sqlite3';
import { leafHashOfHex } from '../tree/rfc9162';
import { SqliteTree } from './sqlite-tree';
import type { LogTree } from '../log/log-tree';

/**
 * The tree of the embedded event store lives in the store's own file and is brought up to the
 * events table in the append transaction. It reads the adapter's `events` table directly: a leaf
 * is the event at global_position leafIndex + 1 (positions are the gapless rowid from 1).
 */
const eventHashesAfter = (db: Database.Database) =>
  db
    .prepare<[number], [number, string]>(
      'SELECT global_position, hash FROM events WHERE global_position > ? ORDER BY global_position',
    )
    .raw();

/**
 * The same, a chunk at a time (a first start's build). Apart, because SQLite re-prepares a statement
 * each time its LIMIT parameter is bound, and the append path catches up on every commit.
 */
const eventHashesChunk = (db: Database.Database) =>
  db
    .prepare<[number, number], [number, string]>(
      'SELECT global_position, hash FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    )
    .raw();

export class EmbeddedLogTree implements LogTree {
  readonly tree: SqliteTree;
  private readonly after: ReturnType<typeof eventHashesAfter>;
  private readonly chunk: ReturnType<typeof eventHashesChunk>;
  private readonly eventHash: Database.Statement<[number], string>;

  constructor(db: Database.Database, cacheTiles = true) {
    this.tree = new SqliteTree(db, cacheTiles);
    this.after = eventHashesAfter(db);
    this.chunk = eventHashesChunk(db);
    this.eventHash = db
      .prepare<[number], string>('SELECT hash FROM events WHERE global_position = ?')
      .pluck();
  }

  /** Adds the events the tree does not have yet, at most `limit`; returns the new size. */
  catchUp(limit?: number): number {
    const size = this.tree.size();
    const rows = limit === undefined ? this.after.all(size) : this.chunk.all(size, limit);
    const leaves = rows.map(([position, hash], i) => {
      // A gap would shift every later leaf index: refuse rather than sign a wrong tree.
      if (position !== size + i + 1) throw new Error(`events table has a gap before position ${position}`);
      return leafHashOfHex(hash);
    });
    return leaves.length === 0 ? size : this.tree.appendLeaves(leaves, size);
  }

  size(): number {
    return this.tree.size();
  }

  node(level: number, index: number): Buffer {
    return this.tree.node(level, index);
  }

  eventHashAt(leafIndex: number): string | undefined {
    return leafIndex < this.size() ? this.eventHash.get(leafIndex + 1) : undefined;
  }

  /** The tree commits with the events, so every stored event is a leaf: index = position - 1. */
  leafIndexes(positions: readonly string[]): (number | null)[] {
    return positions.map((position) => Number(position) - 1);
  }

  close(): void {
    this.tree.db.close();
  }
}

/** The commit hook the embedded store runs before each COMMIT: the tree joins the append's transaction. */
export const embeddedTreeHook = () => {
  const trees = new WeakMap<Database.Database, EmbeddedLogTree>();
  return (db: Database.Database): void => {
    let tree = trees.get(db);
    if (!tree) trees.set(db, (tree = new EmbeddedLogTree(db, false)));
    tree.catchUp();
  };
};

/**
 * embeddedTreeHook named so that the event store's writer thread can build its own (a closure
 * cannot cross threads): the store's CommitHookModule.
 */
export const EMBEDDED_TREE_HOOK = { module: __filename, factory: 'embeddedTreeHook' } as const;

/**
 * Whether the log holds events its tree does not (a log from before the tree, a restored backup).
 * It only reads, so a read-only connection will do: a start asks it before building anything.
 */
export const embeddedTreeIsBehind = (db: Database.Database): boolean => {
  const head = db.prepare<[], number | null>('SELECT max(global_position) FROM events').pluck().get() ?? 0;
  const hasTree =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'tlog_tiles'").get() !==
    undefined;
  return hasTree ? new SqliteTree(db, false).size() < head : head > 0;
};

/**
 * Builds the tree of a log written before this version, in bounded transactions. A chunk's leaves
 * and nodes are one 32-byte Buffer each until its tiles are written: at 100,000 leaves a chunk
 * outlived V8's young generation and the build of a 200k-event log held 320-400 MB resident
 * (ledger-api's first start); at 5,000 its garbage dies young, the build peaks at ~120 MB and
 * takes 40% less CPU (issue 20, bench/README.md "wip/mem2").
 */
export const buildEmbeddedTree = (
  db: Database.Database,
  chunk = 5_000,
  onProgress?: (size: number) => void,
): number => {
  const tree = new EmbeddedLogTree(db, false);
  for (;;) {
    const before = tree.tree.size();
    const size = db.transaction(() => tree.catchUp(chunk)).immediate();
    onProgress?.(size);
    if (size === before) return size;
  }
};
