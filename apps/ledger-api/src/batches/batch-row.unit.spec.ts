import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { csvRow } from '@credence/projections';
import { problemOf } from '../http/problem.filter';
import { requestValidationPipe } from '../http/validation';
import { RecordAssessmentDto } from '../resources/assessments/assessments.dto';
import { IssueCredentialDto } from '../resources/credentials/credentials.dto';
import { type BatchRow, type InvalidRow, prepareRows, toBatchRow } from './batch-row';
import { parseBatch } from './parse-batch';

const VALUES = {
  specificationId: 'spec-1',
  learnerId: 'lrn-1',
  outcome: 'pass',
  grade: '8.5',
  assessor: 'Dr. A',
  method: 'written exam',
  assessedAt: '2026-11-20T10:00:00Z',
  evidence: ['https://e.example/1'],
  validFrom: '2026-11-21T00:00:00Z',
  validUntil: '2031-11-21T00:00:00Z',
};

const valid = (values: Record<string, unknown>, row = 1): BatchRow => {
  const prepared = toBatchRow({ row, values });
  if ('problem' in prepared) throw new Error(JSON.stringify(prepared.problem));
  return prepared;
};
const invalid = (values: Record<string, unknown>, row = 1): InvalidRow => {
  const prepared = toBatchRow({ row, values });
  if (!('problem' in prepared)) throw new Error('expected a problem');
  return prepared;
};

/** What POST /v1/assessments answers for the same body: the global pipe, then the problem filter. */
const singleRouteProblem = async (metatype: new () => object, body: object) => {
  try {
    await requestValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    return problemOf(error);
  }
  throw new Error('the single route accepted the body');
};

describe('toBatchRow', () => {
  it('given assessment fields, when mapped, then the row holds the single routes’ bodies', () => {
    const row = valid({
      ...VALUES,
      identityType: 'emailAddress',
      identityHash: `sha256$${'a'.repeat(64)}`,
      rowKey: 'k1',
    });
    expect({ ...row.assessment }).toEqual({
      specificationId: 'spec-1',
      learner: {
        id: 'lrn-1',
        identity: { identityType: 'emailAddress', identityHash: `sha256$${'a'.repeat(64)}` },
      },
      result: { outcome: 'pass', grade: '8.5' },
      assessor: 'Dr. A',
      method: 'written exam',
      assessedAt: '2026-11-20T10:00:00Z',
      evidence: ['https://e.example/1'],
    });
    expect({ ...row.credential }).toEqual({
      specificationId: 'spec-1',
      learnerId: 'lrn-1',
      validFrom: '2026-11-21T00:00:00Z',
      validUntil: '2031-11-21T00:00:00Z',
    });
    expect(row).toMatchObject({ row: 1, rowKey: 'k1', identity: 'k1' });
  });

  it('given a cited assessmentId, when mapped, then the row issues on it and records nothing', () => {
    const row = valid({
      specificationId: 'spec-1',
      learnerId: 'lrn-1',
      assessmentId: 'as-9',
      validFrom: VALUES.validFrom,
    });
    expect(row).toMatchObject({ assessmentId: 'as-9', rowKey: null });
    expect(row.assessment).toBeUndefined();
    expect(row.identity).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('given a bad learner id, when mapped, then the problem is the single route’s 400 plus the field and the column', async () => {
    const { problem } = invalid({ ...VALUES, learnerId: 'ann@example.org' });
    const {
      learnerId: _l,
      validFrom: _f,
      validUntil: _u,
      outcome,
      grade,
      ...rest
    } = { ...VALUES, learnerId: 'ann@example.org' };
    const single = await singleRouteProblem(RecordAssessmentDto, {
      ...rest,
      learner: { id: 'ann@example.org' },
      result: { outcome, grade },
    });
    expect(problem).toMatchObject({
      type: single.type,
      title: single.title,
      status: 400,
      code: 'request.invalid',
      field: 'learner.id',
      column: 'learnerId',
    });
    expect(problem.errors).toEqual((single.errors as object[]).map((e) => ({ ...e, column: 'learnerId' })));
  });

  it('given a bad validFrom, when mapped, then the error is the credential route’s, on column validFrom', async () => {
    const { problem } = invalid({ ...VALUES, validFrom: 'tomorrow' });
    const single = await singleRouteProblem(IssueCredentialDto, {
      specificationId: 'spec-1',
      learnerId: 'lrn-1',
      assessmentIds: ['as-1'],
      validFrom: 'tomorrow',
    });
    expect(problem).toMatchObject({ code: single.code, field: 'validFrom', column: 'validFrom' });
    expect(problem.errors).toEqual((single.errors as object[]).map((e) => ({ ...e, column: 'validFrom' })));
  });

  it('given several bad cells, when mapped, then each error names its column and specificationId is reported once', () => {
    const { problem } = invalid({
      ...VALUES,
      specificationId: 'a b',
      outcome: 'maybe',
      identityHash: 'md5$x',
      evidence: 'not-a-list',
    });
    const errors = problem.errors as { column: string }[];
    expect(errors.map((e) => e.column).sort()).toEqual([
      'evidence',
      'identityHash',
      'identityType',
      'outcome',
      'specificationId',
    ]);
  });

  it('given an unknown NDJSON field, when mapped, then the row is refused naming it', () => {
    expect(invalid({ ...VALUES, score: 7 }).problem).toMatchObject({
      code: 'request.invalid',
      field: 'score',
      column: 'score',
    });
  });

  it('given both an assessmentId and assessment fields, when mapped, then the row is refused on assessmentId', () => {
    const { problem } = invalid({ ...VALUES, assessmentId: 'as-1' });
    expect(problem).toMatchObject({ code: 'request.invalid', field: 'assessmentId', column: 'assessmentId' });
    expect(problem.detail).toContain('outcome');
  });

  it('given neither an assessmentId nor the assessment fields, when mapped, then the missing ones are named', () => {
    const { problem } = invalid({
      specificationId: 'spec-1',
      learnerId: 'lrn-1',
      validFrom: VALUES.validFrom,
    });
    expect((problem.errors as { column: string }[]).map((e) => e.column)).toEqual(
      expect.arrayContaining(['outcome', 'assessor', 'method', 'assessedAt']),
    );
  });

  it('given the same row with and without a rowKey, when mapped, then the identity is the key or the content hash', () => {
    expect(valid({ ...VALUES, rowKey: 'x' }).identity).toBe('x');
    expect(valid(VALUES).identity).toBe(valid({ ...VALUES }).identity);
    expect(valid(VALUES).identity).not.toBe(valid({ ...VALUES, grade: '9' }).identity);
  });
});

describe('prepareRows', () => {
  it('given two rows with one rowKey or one content, when prepared, then the later one is refused naming the first', async () => {
    const rows = await prepareRows([
      { row: 1, values: { ...VALUES, rowKey: 'a' } },
      { row: 2, values: { ...VALUES, learnerId: 'lrn-2', rowKey: 'a' } },
      { row: 3, values: VALUES },
      { row: 4, values: VALUES },
    ]);
    expect(
      rows.map((r) => ('problem' in r ? `${r.problem.code}:${String(r.problem.duplicateOf)}` : 'ok')),
    ).toEqual(['ok', 'batch.row-duplicate:1', 'ok', 'batch.row-duplicate:3']);
  });
});

describe('CSV written by the project’s writer parses back to the same cells', () => {
  // Cells a spreadsheet would not alter: no surrounding blanks (trimmed) and no formula prefix (escaped).
  const cell = fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((s) => s.trim() === s && !/^[=+\-@\t\r]/.test(s) && !s.includes('\uFEFF'));
  it('given arbitrary assessor and method texts (commas, quotes, newlines), when round-tripped, then they are unchanged', () => {
    fc.assert(
      fc.property(cell, cell, fc.constantFrom(',', ';', '\t'), (assessor, method, delimiter) => {
        const header = [
          'specificationId',
          'learnerId',
          'outcome',
          'assessor',
          'method',
          'assessedAt',
          'validFrom',
        ];
        const values = ['spec-1', 'lrn-1', 'pass', assessor, method, VALUES.assessedAt, VALUES.validFrom];
        const text = (
          delimiter === ','
            ? [csvRow(header), csvRow(values)]
            : [header, values].map((r) => `${r.map((v) => `"${v.replace(/"/g, '""')}"`).join(delimiter)}\r\n`)
        ).join('');
        const [parsed] = parseBatch(text, 'text/csv', { delimiter });
        expect('values' in parsed && parsed.values).toMatchObject({ assessor, method });
      }),
    );
  });
});

describe('docs/examples/cohort.csv', () => {
  it('given the documented sample, when parsed and validated, then every row is valid', async () => {
    const text = readFileSync(join(__dirname, '../../../../docs/examples/cohort.csv'), 'utf8');
    const rows = await prepareRows(parseBatch(text, 'text/csv'));
    expect(rows.map((r) => ('problem' in r ? r.problem : r.rowKey))).toEqual([
      '2026-DL-001',
      '2026-DL-002',
      '2026-DL-003',
    ]);
  });
});
