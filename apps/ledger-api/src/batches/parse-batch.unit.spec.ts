import { BatchRejectedError } from '../http/problem';
import { MAX_BATCH_ROWS, parseBatch, type RawRow } from './parse-batch';

const HEADER = 'specificationId,learnerId,outcome,assessor,method,assessedAt,evidence,validFrom,rowKey';
const ROW =
  'spec-1,lrn-1,pass,Dr. A,written exam,2026-11-20T10:00:00Z,https://e.example/1 https://e.example/2,2026-11-21T00:00:00Z,k1';
const VALUES = {
  specificationId: 'spec-1',
  learnerId: 'lrn-1',
  outcome: 'pass',
  assessor: 'Dr. A',
  method: 'written exam',
  assessedAt: '2026-11-20T10:00:00Z',
  evidence: ['https://e.example/1', 'https://e.example/2'],
  validFrom: '2026-11-21T00:00:00Z',
  rowKey: 'k1',
};

const rejection = (run: () => unknown): BatchRejectedError => {
  try {
    run();
  } catch (error) {
    if (error instanceof BatchRejectedError) return error;
    throw error;
  }
  throw new Error('expected the batch to be rejected');
};

const valuesOf = (rows: RawRow[]) => rows.map((r) => ('values' in r ? r.values : r.problem));

describe('parseBatch: CSV', () => {
  it('given a header and a row, when parsed, then evidence is a list and row numbers count data rows from 1', () => {
    expect(parseBatch(`${HEADER}\n${ROW}\n${ROW.replace('k1', 'k2')}\n`, 'text/csv')).toEqual([
      { row: 1, values: VALUES },
      { row: 2, values: { ...VALUES, rowKey: 'k2' } },
    ]);
  });

  it('given a UTF-8 BOM, CRLF line ends and blank lines, when parsed, then the header is still recognised', () => {
    expect(valuesOf(parseBatch(`\uFEFF${HEADER}\r\n${ROW}\r\n\r\n`, 'text/csv'))).toEqual([VALUES]);
  });

  it('given quoted fields with commas, quotes and newlines, when parsed, then they are one cell each', () => {
    const row = ROW.replace('Dr. A', '"Smith, J. ""Jo""\nexaminer"');
    expect(valuesOf(parseBatch(`${HEADER}\n${row}\n`, 'text/csv'))).toEqual([
      { ...VALUES, assessor: 'Smith, J. "Jo"\nexaminer' },
    ]);
  });

  it('given ?delimiter=; (a European export), when parsed, then commas inside cells are text', () => {
    const text = `${HEADER.replaceAll(',', ';')}\n${ROW.replaceAll(',', ';').replace('Dr. A', 'Smith, J.')}\n`;
    expect(valuesOf(parseBatch(text, 'text/csv', { delimiter: ';' }))).toEqual([
      { ...VALUES, assessor: 'Smith, J.' },
    ]);
  });

  it('given an empty cell, when parsed, then the field is absent, not an empty string', () => {
    const [row] = parseBatch(`${HEADER},validUntil\n${ROW},\n`, 'text/csv');
    expect('values' in row && 'validUntil' in row.values).toBe(false);
  });

  it('given an unknown column, when parsed, then the batch is refused naming it', () => {
    const error = rejection(() => parseBatch(`${HEADER},favouriteColour\n${ROW},blue\n`, 'text/csv'));
    expect(error).toMatchObject({
      status: 400,
      code: 'batch.column-unknown',
      extra: { columns: ['favouriteColour'] },
    });
    expect(error.message).toContain('favouriteColour');
  });

  it('given missing required columns, when parsed, then there is one error for the batch listing them all', () => {
    const rows = Array.from({ length: 500 }, () => 'spec-1,lrn-1').join('\n');
    const error = rejection(() => parseBatch(`specificationId,learnerId\n${rows}\n`, 'text/csv'));
    expect(error).toMatchObject({
      status: 400,
      code: 'batch.column-missing',
      extra: { columns: ['validFrom', 'outcome', 'assessor', 'method', 'assessedAt'] },
    });
  });

  it('given an assessmentId column, when parsed, then the assessment columns are not required', () => {
    expect(
      parseBatch(
        'specificationId,learnerId,assessmentId,validFrom\nspec-1,lrn-1,as-1,2026-11-21T00:00:00Z\n',
        'text/csv',
      ),
    ).toHaveLength(1);
  });

  it('given a row with too few cells, when parsed, then only that row has a problem', () => {
    const rows = parseBatch(`${HEADER}\n${ROW}\nspec-1,lrn-2\n${ROW}\n`, 'text/csv');
    expect(rows[1]).toMatchObject({ row: 2, problem: { status: 400, code: 'batch.row-columns' } });
    expect(['values' in rows[0], 'values' in rows[2]]).toEqual([true, true]);
  });

  it('given an unterminated quote, when parsed, then the batch is refused as unreadable (400)', () => {
    expect(rejection(() => parseBatch(`${HEADER}\n"${ROW}\n`, 'text/csv'))).toMatchObject({
      status: 400,
      code: 'batch.unreadable',
    });
  });

  it(`given ${MAX_BATCH_ROWS} rows, when parsed, then they are accepted; one more gets 413 saying the limit`, () => {
    const rows = (n: number) => `${HEADER}\n${Array.from({ length: n }, () => ROW).join('\n')}\n`;
    expect(parseBatch(rows(MAX_BATCH_ROWS), 'text/csv')).toHaveLength(MAX_BATCH_ROWS);
    const error = rejection(() => parseBatch(rows(MAX_BATCH_ROWS + 1), 'text/csv'));
    expect(error).toMatchObject({ status: 413, code: 'batch.too-large', extra: { limit: MAX_BATCH_ROWS } });
    expect(error.message).toContain('10,000');
  });

  it('given a delimiter that is a quote or longer than one character, when parsed, then the batch is refused', () => {
    expect(rejection(() => parseBatch(HEADER, 'text/csv', { delimiter: '"' })).code).toBe(
      'batch.delimiter-invalid',
    );
    expect(rejection(() => parseBatch(HEADER, 'text/csv', { delimiter: ';;' })).code).toBe(
      'batch.delimiter-invalid',
    );
  });
});

describe('parseBatch: NDJSON', () => {
  it('given one object a line, when parsed, then the values are the same as the CSV row', () => {
    const text = `\uFEFF${JSON.stringify(VALUES)}\r\n\r\n${JSON.stringify({ ...VALUES, rowKey: 'k2' })}\n`;
    expect(parseBatch(text, 'application/x-ndjson')).toEqual(
      parseBatch(`${HEADER}\n${ROW}\n${ROW.replace('k1', 'k2')}`, 'text/csv'),
    );
  });

  it('given a line that is not a JSON object, when parsed, then only that row has a problem', () => {
    const rows = parseBatch(`${JSON.stringify(VALUES)}\n{"broken\n[1]\n`, 'application/x-ndjson');
    expect(rows.map((r) => ('problem' in r ? r.problem.code : 'ok'))).toEqual([
      'ok',
      'batch.row-unreadable',
      'batch.row-unreadable',
    ]);
  });

  it(`given ${MAX_BATCH_ROWS + 1} lines, when parsed, then 413`, () => {
    const text = Array.from({ length: MAX_BATCH_ROWS + 1 }, () => '{}').join('\n');
    expect(rejection(() => parseBatch(text, 'application/x-ndjson')).status).toBe(413);
  });
});
