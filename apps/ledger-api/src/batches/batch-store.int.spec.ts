import Database from 'better-sqlite3';
import { tempDir } from '@credence/event-store/testing';
import { problem } from '../http/problem';
import { type NewBatch, type RowResult, SqliteBatchStore } from './batch-store';
import { shownResult } from './shown-result';

const issued = (row: number): RowResult => ({
  row,
  rowKey: `k${row}`,
  status: 'issued',
  credentialId: `cred-${row}`,
  assessmentId: `as-${row}`,
});
const kept: RowResult = {
  row: 2,
  rowKey: null,
  status: 'failed',
  assessmentId: 'as-2',
  problem: problem(409, 'credential.validity-invalid', 'Refused, "quoted", ünïcode', { field: 'validUntil' }),
};

const batchOf = (id: string, rows: number): NewBatch => ({
  id,
  principalId: 'p-1',
  fingerprint: 'f',
  atomic: false,
  context: {} as NewBatch['context'],
  rows: Array.from({ length: rows }, (_, i) => ({ row: i + 1, rowKey: null, problem: kept.problem! })),
  createdAt: '2025-06-01T00:00:00Z',
});

describe('SqliteBatchStore results', () => {
  const dir = tempDir('batch-store');
  afterAll(() => dir.remove());

  it('given results saved out of row order, when read as JSON text, then it is the shown results in row order', () => {
    const store = new SqliteBatchStore(dir.nextFile());
    store.saveResults('b-1', [issued(3), issued(1)]);
    store.saveResults('b-1', [kept]);
    store.saveResults('b-2', [issued(1)]);

    const text = store.resultsJson('b-1');

    expect(text).toBe(JSON.stringify([issued(1), kept, issued(3)].map(shownResult)));
    expect(JSON.parse(text)).toEqual(store.results('b-1'));
    store.close();
  });

  it('given a batch polled while its results are saved, when more are saved (out of row order), then each poll answers every result so far in row order, with its counts', () => {
    const store = new SqliteBatchStore(dir.nextFile());
    store.create(batchOf('b-1', 5));
    store.saveResults('b-1', [issued(4), issued(1)]);
    expect(store.resultsJson('b-1')).toBe(JSON.stringify([issued(1), issued(4)].map(shownResult)));

    store.saveResults('b-1', [issued(5), issued(3)]);
    expect(store.resultsJson('b-1')).toBe(JSON.stringify([1, 3, 4, 5].map(issued).map(shownResult)));
    store.saveResults('b-1', [kept, issued(3)]); // the repeated row 3 keeps its first result
    store.saveResults('b-1', []);

    expect(store.resultsJson('b-1')).toBe(
      JSON.stringify([issued(1), kept, issued(3), issued(4), issued(5)].map(shownResult)),
    );
    expect(store.counts('b-1')).toEqual({ rows: 5, issued: 4, failed: 1, 'skipped-as-duplicate': 0 });
    store.close();
  });

  it('given results saved by another process on the same file, when this one polls again, then it answers them too', () => {
    const file = dir.nextFile();
    const here = new SqliteBatchStore(file);
    const elsewhere = new SqliteBatchStore(file);
    here.create(batchOf('b-1', 3));
    here.saveResults('b-1', [issued(1)]);
    expect(here.counts('b-1').issued).toBe(1);
    expect(here.resultsJson('b-1')).toBe(JSON.stringify([shownResult(issued(1))]));

    elsewhere.saveResults('b-1', [issued(3), kept]);

    expect(here.resultsJson('b-1')).toBe(JSON.stringify([issued(1), kept, issued(3)].map(shownResult)));
    expect(here.counts('b-1')).toEqual({ rows: 3, issued: 2, failed: 1, 'skipped-as-duplicate': 0 });
    here.close();
    elsewhere.close();
  });

  it('given a batch with no saved result yet, when read as JSON text, then an empty array', () => {
    const store = new SqliteBatchStore(dir.nextFile());
    expect(store.resultsJson('b-1')).toBe('[]');
    store.close();
  });
});

describe('SqliteBatchStore uploads', () => {
  const dir = tempDir('batch-store-uploads');
  afterAll(() => dir.remove());

  const columnsOf = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
        .all()
        .map((c) => c.name);
    } finally {
      db.close();
    }
  };

  it('given a batch, when it is stored, then its rows are kept apart from the header a poll reads, and read back whole', () => {
    const file = dir.nextFile();
    const store = new SqliteBatchStore(file);
    const batch = batchOf('b-1', 3);
    store.create(batch);
    store.create({ ...batch, rows: [] }); // a resend keeps the stored upload

    // SQLite reaches a column stored after a large text only through that text's overflow pages.
    expect(columnsOf(file, 'credential_batches')).not.toContain('rows');
    expect(store.find('b-1')?.rows).toEqual(batch.rows);
    expect(store.processing().map((b) => [b.id, b.rows.length])).toEqual([['b-1', 3]]);
    expect(store.header('b-1')).toMatchObject({
      id: 'b-1',
      status: 'processing',
      createdAt: batch.createdAt,
    });
    expect(store.counts('b-1').rows).toBe(3);
    store.close();
  });

  it('given a file written when the rows were in the header, when a store opens it, then its batches keep their rows and a processing one still resumes', () => {
    const file = dir.nextFile();
    const before = new Database(file);
    before.exec(`
      CREATE TABLE credential_batches (
        id TEXT PRIMARY KEY, principal_id TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
        atomic INTEGER NOT NULL, checked INTEGER NOT NULL DEFAULT 0, context TEXT NOT NULL, rows TEXT NOT NULL, row_count INTEGER NOT NULL,
        created_at TEXT NOT NULL, finished_at TEXT);
      CREATE INDEX credential_batches_processing ON credential_batches (status) WHERE status = 'processing';
      CREATE TABLE credential_batch_rows (
        batch_id TEXT NOT NULL, row INTEGER NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL,
        PRIMARY KEY (batch_id, row)) WITHOUT ROWID;`);
    const old = batchOf('b-old', 2);
    before
      .prepare('INSERT INTO credential_batches VALUES (?, ?, ?, ?, 0, 1, ?, ?, 2, ?, NULL)')
      .run(
        old.id,
        old.principalId,
        old.fingerprint,
        'processing',
        '{}',
        JSON.stringify(old.rows),
        old.createdAt,
      );
    before.close();

    const store = new SqliteBatchStore(file);
    const again = new SqliteBatchStore(file); // a second process opening the moved file changes nothing

    expect(columnsOf(file, 'credential_batches')).not.toContain('rows');
    expect(store.find('b-old')).toMatchObject({ id: 'b-old', checked: true, rows: old.rows });
    expect(again.processing().map((b) => [b.id, b.rows])).toEqual([['b-old', old.rows]]);
    expect(store.counts('b-old').rows).toBe(2);
    store.close();
    again.close();
  });
});
