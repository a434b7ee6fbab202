import { parse } from 'csv-parse/sync';
import { problem } from '../http/problem';
import { batchCsv, batchJsonText } from './batch-results';
import type { RowResult } from './batch-store';
import { shownResult } from './shown-result';

const RESULTS: RowResult[] = [
  { row: 1, rowKey: 'k1', status: 'issued', credentialId: 'cred-1', assessmentId: 'as-1' },
  {
    row: 2,
    rowKey: '=HYPERLINK("http://evil")',
    status: 'failed',
    problem: problem(400, 'request.invalid', 'The request is not valid', {
      field: 'learner.id',
      column: 'learnerId',
      errors: [{ field: 'learner.id', column: 'learnerId', messages: ['bad id', 'too long'] }],
    }),
  },
  {
    row: 3,
    rowKey: null,
    status: 'failed',
    assessmentId: 'as-3',
    problem: problem(409, 'credential.validity-invalid', 'Refused', {
      detail: 'validUntil, before validFrom',
    }),
  },
  {
    row: 4,
    rowKey: 'k4',
    status: 'skipped-as-duplicate',
    problem: problem(409, 'assessment.already-credentialed', 'Already credentialed'),
  },
];

describe('batch results', () => {
  it('given row results, when shown as JSON, then ids or the problem per row, in row order, with the counts', () => {
    const json = JSON.parse(
      batchJsonText(
        { id: 'b-1', status: 'done', atomic: false },
        { rows: 4, issued: 1, failed: 2, 'skipped-as-duplicate': 1 },
        JSON.stringify(RESULTS.map(shownResult)),
      ),
    ) as { results: RowResult[] };
    expect(json).toMatchObject({
      id: 'b-1',
      status: 'done',
      rows: 4,
      issued: 1,
      failed: 2,
      'skipped-as-duplicate': 1,
    });
    expect(json.results.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(json.results[0]).toEqual({
      row: 1,
      rowKey: 'k1',
      status: 'issued',
      credentialId: 'cred-1',
      assessmentId: 'as-1',
    });
    expect(json.results[2]).toMatchObject({
      assessmentId: 'as-3',
      problem: { code: 'credential.validity-invalid' },
    });
    expect(json.results[2]).not.toHaveProperty('credentialId');
  });

  it('given row results, when shown as CSV, then a spreadsheet gets row, key, status, credential, code and message, formulas escaped', () => {
    const [header, ...rows] = parse(batchCsv(RESULTS)) as string[][];
    expect(header).toEqual(['row', 'rowKey', 'status', 'credentialId', 'code', 'message']);
    expect(rows).toEqual([
      ['1', 'k1', 'issued', 'cred-1', '', ''],
      ['2', `'=HYPERLINK("http://evil")`, 'failed', '', 'request.invalid', 'learnerId: bad id; too long'],
      ['3', '', 'failed', '', 'credential.validity-invalid', 'validUntil, before validFrom'],
      ['4', 'k4', 'skipped-as-duplicate', '', 'assessment.already-credentialed', 'Already credentialed'],
    ]);
  });
});
