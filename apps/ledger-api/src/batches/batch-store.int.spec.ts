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
