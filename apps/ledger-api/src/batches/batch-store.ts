import type Database from 'better-sqlite3';
import { LruMap } from '@credence/runtime';
import { ChangeCounter, openDurableDatabase, prepared } from '@credence/sqlite';
import type { CommandContext } from '../http/command-context';
import type { Problem } from '../http/problem';
import type { PreparedRow } from './batch-row';
import { SavedResults } from './saved-results';
import { shownResult } from './shown-result';

export type RowStatus = 'issued' | 'failed' | 'skipped-as-duplicate';

export type RowResult = Readonly<{
  row: number;
  rowKey: string | null;
  status: RowStatus;
  credentialId?: string;
  /** Also on a failed row whose assessment was recorded and stays valid. */
  assessmentId?: string;
  problem?: Problem;
}>;

export type BatchCounts = Readonly<{
  rows: number;
  issued: number;
  failed: number;
  'skipped-as-duplicate': number;
}>;

export type Batch = Readonly<{
  id: string;
  principalId: string;
  /** Hash of the upload and its options: the same key with another file is refused. */
  fingerprint: string;
  status: 'processing' | 'done';
  atomic: boolean;
  /** Atomic batches only: every row passed the check phase, so the apply phase may (re)run. */
  checked: boolean;
  /** The upload's command context; rows derive their command ids from it, also on resume. */
  context: CommandContext;
  rows: readonly PreparedRow[];
  createdAt: string;
}>;

export type NewBatch = Omit<Batch, 'status' | 'checked'>;

/** A batch without its rows: what a poll needs, without parsing up to 10,000 stored rows each time. */
export type BatchHeader = Omit<Batch, 'rows'>;

/** Batch records and per-row results. The log stays the truth of what was applied; this only remembers answers. */
export abstract class BatchStore {
  /** Stores the batch, or returns the one already stored under its id (a resend). */
  abstract create(batch: NewBatch): Batch;
  abstract find(id: string): Batch | undefined;
  abstract header(id: string): BatchHeader | undefined;
  abstract results(id: string): RowResult[];
  /** The same results as one JSON array text, as stored: what a poll sends, without parsing each row. */
  abstract resultsJson(id: string): string;
  abstract counts(id: string): BatchCounts;
  abstract saveResults(id: string, results: readonly RowResult[]): void;
  abstract markChecked(id: string): void;
  abstract finish(id: string, now: string): void;
  abstract processing(): Batch[];
}

type BatchRecord = {
  id: string;
  principal_id: string;
  fingerprint: string;
  status: Batch['status'];
  atomic: number;
  checked: number;
  context: string;
  rows: string;
  created_at: string;
};

const headerOf = (r: Omit<BatchRecord, 'rows'>): BatchHeader => ({
  id: r.id,
  principalId: r.principal_id,
  fingerprint: r.fingerprint,
  status: r.status,
  atomic: r.atomic === 1,
  checked: r.checked === 1,
  context: JSON.parse(r.context),
  createdAt: r.created_at,
});

const fromRecord = (r: BatchRecord): Batch => ({ ...headerOf(r), rows: JSON.parse(r.rows) });

const HEADER_COLUMNS = 'id, principal_id, fingerprint, status, atomic, checked, context, created_at';
const WITH_ROWS =
  'SELECT b.*, u.rows FROM credential_batches b JOIN credential_batch_uploads u ON u.batch_id = b.id';

/**
 * The upload's rows live in a table of their own: a poll reads the batch's header and row count
 * once or twice a second, and SQLite reaches a column stored after a multi-megabyte text only by
 * walking that text's overflow pages (2.3 ms a read at 10,000 rows, twice a poll). Files written
 * before kept the rows in the header's row: they are moved once, in the transaction that opens the
 * file, so two processes opening it at once take turns.
 */
const createTables = (db: Database.Database) => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS credential_batches (
      id TEXT PRIMARY KEY, principal_id TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
      atomic INTEGER NOT NULL, checked INTEGER NOT NULL DEFAULT 0, context TEXT NOT NULL, row_count INTEGER NOT NULL,
      created_at TEXT NOT NULL, finished_at TEXT);
    CREATE INDEX IF NOT EXISTS credential_batches_processing ON credential_batches (status) WHERE status = 'processing';
    CREATE TABLE IF NOT EXISTS credential_batch_uploads (batch_id TEXT PRIMARY KEY, rows TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS credential_batch_rows (
      batch_id TEXT NOT NULL, row INTEGER NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL,
      PRIMARY KEY (batch_id, row)) WITHOUT ROWID;`);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(credential_batches)').all();
  if (columns.some((c) => c.name === 'rows')) {
    db.exec(`
      INSERT OR IGNORE INTO credential_batch_uploads (batch_id, rows) SELECT id, rows FROM credential_batches;
      ALTER TABLE credential_batches DROP COLUMN rows;`);
  }
};

/**
 * NORMAL sync, like the idempotency store: results lost on power loss are recomputed on resume, and
 * the rows' deterministic command ids make the event store answer them without appending again.
 */
export class SqliteBatchStore extends BatchStore {
  private readonly db: Database.Database;
  /** A running batch and one more (a finished one polled once more, say): ~3 MB each at 10,000 rows. */
  private readonly memos = new LruMap<string, { results: SavedResults; seen: number }>(2);
  /** Moves when another connection commits; this store's own saves go into its memos as they commit. */
  private readonly changes: ChangeCounter;

  constructor(path: string) {
    super();
    this.db = openDurableDatabase({ path }, 'NORMAL');
    this.changes = new ChangeCounter(this.db);
    this.db.transaction(() => createTables(this.db)).immediate();
  }

  create(batch: NewBatch): Batch {
    this.db.transaction(() => {
      const created = this.db
        .prepare(
          'INSERT OR IGNORE INTO credential_batches (id, principal_id, fingerprint, status, atomic, context, row_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          batch.id,
          batch.principalId,
          batch.fingerprint,
          'processing',
          batch.atomic ? 1 : 0,
          JSON.stringify(batch.context),
          batch.rows.length,
          batch.createdAt,
        );
      if (created.changes === 0) return; // a resend: the stored batch is the answer
      this.db
        .prepare('INSERT INTO credential_batch_uploads (batch_id, rows) VALUES (?, ?)')
        .run(batch.id, JSON.stringify(batch.rows));
    })();
    return this.find(batch.id) as Batch;
  }

  find(id: string): Batch | undefined {
    const record = this.db.prepare<[string], BatchRecord>(`${WITH_ROWS} WHERE b.id = ?`).get(id);
    return record && fromRecord(record);
  }

  header(id: string): BatchHeader | undefined {
    // Polled once or twice a second: prepared once (preparing took most of a poll's time).
    const record = prepared<[string], Omit<BatchRecord, 'rows'>>(
      this.db,
      `SELECT ${HEADER_COLUMNS} FROM credential_batches WHERE id = ?`,
    ).get(id);
    return record && headerOf(record);
  }

  results(id: string): RowResult[] {
    return this.db
      .prepare<[string], { result: string }>(
        'SELECT result FROM credential_batch_rows WHERE batch_id = ? ORDER BY row',
      )
      .all(id)
      .map((r) => JSON.parse(r.result));
  }

  resultsJson(id: string): string {
    return this.savedResults(id).json();
  }

  counts(id: string): BatchCounts {
    // Polled while the batch runs: the row count has its own column, so the stored rows are not parsed.
    const batch = prepared<[string], { row_count: number }>(
      this.db,
      'SELECT row_count FROM credential_batches WHERE id = ?',
    ).get(id);
    return { rows: batch?.row_count ?? 0, ...this.savedResults(id).counts };
  }

  /**
   * The batch's results as polls show them. Built from the table once, then added to as this
   * store saves results: a poll of a 10,000-row batch read and joined ~1.6 MB of results on the
   * event loop each time (15–25 ms at load 4–7), stalling every other request behind it. Once
   * another connection has committed (another process may have saved results), the memo is
   * trusted only if it holds as many results as the table, else it is built again.
   */
  private savedResults(id: string): SavedResults {
    const seen = this.changes.current();
    const memo = this.memos.get(id);
    if (memo && (memo.seen === seen || memo.results.size === this.savedCount(id))) {
      memo.seen = seen;
      return memo.results;
    }
    const results = new SavedResults();
    const rows = this.db
      .prepare<[string], { row: number; status: RowStatus; result: string }>(
        'SELECT row, status, result FROM credential_batch_rows WHERE batch_id = ? ORDER BY row',
      )
      .all(id);
    for (const r of rows) results.add(r.row, r.status, r.result);
    this.memos.set(id, { results, seen });
    return results;
  }

  /** Reads every stored result's page (the table has no rowid): asked only after an outside commit. */
  private savedCount(id: string): number {
    return this.db
      .prepare<[string], number>('SELECT count(*) FROM credential_batch_rows WHERE batch_id = ?')
      .pluck()
      .get(id)!;
  }

  saveResults(id: string, results: readonly RowResult[]): void {
    // A result, once saved, is the answer: a resumed run re-deriving it from the log changes nothing.
    // Stored in the shape the API shows (shownResult), so resultsJson serves the text as it is.
    const insert = this.db.prepare('INSERT OR IGNORE INTO credential_batch_rows VALUES (?, ?, ?, ?)');
    const added: [number, RowStatus, string][] = [];
    this.db.transaction(() => {
      for (const r of results) {
        const text = JSON.stringify(shownResult(r));
        if (insert.run(id, r.row, r.status, text).changes > 0) added.push([r.row, r.status, text]);
      }
    })();
    // Only once committed: a rolled-back save must not reach the memo.
    const memo = this.memos.get(id);
    for (const [row, status, text] of added) memo?.results.add(row, status, text);
  }

  markChecked(id: string): void {
    this.db.prepare('UPDATE credential_batches SET checked = 1 WHERE id = ?').run(id);
  }

  finish(id: string, now: string): void {
    this.db
      .prepare("UPDATE credential_batches SET status = 'done', finished_at = ? WHERE id = ?")
      .run(now, id);
  }

  processing(): Batch[] {
    return this.db
      .prepare<[], BatchRecord>(`${WITH_ROWS} WHERE b.status = 'processing' ORDER BY b.created_at`)
      .all()
      .map(fromRecord);
  }

  close(): void {
    this.db.close();
  }
}
