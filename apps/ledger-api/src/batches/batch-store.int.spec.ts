import { tempDir } from '@credence/event-store/testing';
import { problem } from '../http/problem';
import { type RowResult, SqliteBatchStore } from './batch-store';
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

  it('given a batch with no saved result yet, when read as JSON text, then an empty array', () => {
    const store = new SqliteBatchStore(dir.nextFile());
    expect(store.resultsJson('b-1')).toBe('[]');
    store.close();
  });
});
