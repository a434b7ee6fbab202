import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import canonicalize from 'canonicalize';
import { plainToInstance } from 'class-transformer';
import type { FieldError, Problem } from '../http/problem';
import { fieldErrorsOf, validationErrorsOf } from '../http/validation';
import { RecordAssessmentDto } from '../resources/assessments/assessments.dto';
import { IssueCredentialDto } from '../resources/credentials/credentials.dto';
import { ASSESSMENT_COLUMNS, columnOf, isColumn } from './columns';
import { type RawRow, rowProblem } from './parse-batch';

/** The credential a row issues, as IssueCredentialDto without its assessmentIds (the row's assessment). */
export type CredentialInput = Readonly<Omit<IssueCredentialDto, 'assessmentIds'>>;

/**
 * A valid row: the same bodies the single routes take. It records `assessment` and issues the
 * credential on it, or issues on the cited `assessmentId`.
 */
export type BatchRow = Readonly<{
  row: number;
  rowKey: string | null;
  /** rowKey, or the hash of the row's content: with the Idempotency-Key, it fixes the row's command ids. */
  identity: string;
  credential: CredentialInput;
}> &
  (
    | Readonly<{ assessment: RecordAssessmentDto; assessmentId?: never }>
    | Readonly<{ assessmentId: string; assessment?: never }>
  );

export type InvalidRow = Readonly<{ row: number; rowKey: string | null; problem: Problem }>;
export type PreparedRow = BatchRow | InvalidRow;

export const isInvalid = (row: PreparedRow): row is InvalidRow => 'problem' in row;

/** Stands in for the assessment a row records, whose id is only made when it is applied. */
const RECORDED_HERE = 'recorded-in-this-row';

const assessmentBody = (v: Readonly<Record<string, unknown>>) => {
  const hasIdentity = v.identityType !== undefined || v.identityHash !== undefined || v.salt !== undefined;
  return {
    specificationId: v.specificationId,
    learner: {
      id: v.learnerId,
      ...(hasIdentity
        ? {
            identity: {
              identityType: v.identityType,
              identityHash: v.identityHash,
              ...(v.salt !== undefined ? { salt: v.salt } : {}),
            },
          }
        : {}),
    },
    result: { outcome: v.outcome, ...(v.grade !== undefined ? { grade: v.grade } : {}) },
    assessor: v.assessor,
    method: v.method,
    assessedAt: v.assessedAt,
    evidence: v.evidence ?? [],
  };
};

const credentialBody = (v: Readonly<Record<string, unknown>>) => ({
  specificationId: v.specificationId,
  learnerId: v.learnerId,
  assessmentIds: [v.assessmentId ?? RECORDED_HERE],
  validFrom: v.validFrom,
  ...(v.validUntil !== undefined ? { validUntil: v.validUntil } : {}),
});

const validated = <T extends object>(dto: new () => T, body: object): { value: T; errors: FieldError[] } => {
  const value = plainToInstance(dto, body);
  return { value, errors: fieldErrorsOf(validationErrorsOf(value)) };
};

/** The single route's 400 `request.invalid`, plus the field and column of the first error (each error names its column too). */
const invalidProblem = (errors: FieldError[]): Problem => {
  const withColumns = errors.map((e) => ({ ...e, column: columnOf(e.field) }));
  const [first] = withColumns;
  return rowProblem(
    400,
    'request.invalid',
    'The request is not valid',
    { field: first.field, column: first.column, detail: first.messages.join('; ') },
    { errors: withColumns },
  );
};

const unknownFields = (values: Readonly<Record<string, unknown>>): FieldError[] =>
  Object.keys(values)
    .filter((name) => !isColumn(name))
    .map((name) => ({ field: name, messages: [`property ${name} should not exist`] }));

const citesAndRecords = (values: Readonly<Record<string, unknown>>): FieldError[] => {
  if (values.assessmentId === undefined) return [];
  const recorded = ASSESSMENT_COLUMNS.filter((column) => values[column] !== undefined);
  return recorded.length === 0
    ? []
    : [
        {
          field: 'assessmentId',
          messages: [`a row cites assessmentId or records an assessment (${recorded.join(', ')}), not both`],
        },
      ];
};

const rowKeyOf = (values: Readonly<Record<string, unknown>>): string | null =>
  typeof values.rowKey === 'string' ? values.rowKey : null;

/** The row's content without its key: the same row in CSV and NDJSON hashes the same. */
export const contentHash = (values: Readonly<Record<string, unknown>>): string => {
  const { rowKey: _ignored, ...content } = values;
  return createHash('sha256')
    .update(canonicalize(content) ?? '')
    .digest('hex');
};

const rowKeyErrors = (values: Readonly<Record<string, unknown>>): FieldError[] => {
  const key = values.rowKey;
  if (key === undefined || (typeof key === 'string' && /^[^\p{Cc}]{1,200}$/u.test(key))) return [];
  return [
    { field: 'rowKey', messages: ['rowKey must be text of 1–200 characters without control characters'] },
  ];
};

/** Validates one row the way the single routes validate their bodies, and maps it to their shapes. */
export const toBatchRow = (raw: RawRow): PreparedRow => {
  if ('problem' in raw) return { row: raw.row, rowKey: null, problem: raw.problem };
  const { row, values } = raw;
  const rowKey = rowKeyOf(values);
  const shapeErrors = [...unknownFields(values), ...rowKeyErrors(values), ...citesAndRecords(values)];
  if (shapeErrors.length > 0) return { row, rowKey, problem: invalidProblem(shapeErrors) };

  const credential = validated(IssueCredentialDto, credentialBody(values));
  const assessment =
    values.assessmentId === undefined ? validated(RecordAssessmentDto, assessmentBody(values)) : undefined;
  // specificationId is in both bodies: report it once.
  const reported = new Set(assessment?.errors.map((e) => columnOf(e.field)));
  const errors = [
    ...(assessment?.errors ?? []),
    ...credential.errors.filter((e) => !reported.has(columnOf(e.field))),
  ];
  if (errors.length > 0) return { row, rowKey, problem: invalidProblem(errors) };

  const { assessmentIds: _recordedOrCited, ...issue } = credential.value;
  const identity = rowKey ?? `sha256:${contentHash(values)}`;
  return assessment
    ? { row, rowKey, identity, credential: issue, assessment: assessment.value }
    : { row, rowKey, identity, credential: issue, assessmentId: String(values.assessmentId) };
};

/**
 * Rows validated between two turns of the event loop. Validating a row takes 100–300 µs, so a
 * 10,000-row upload held the loop for seconds and every other request waited behind it.
 */
const ROWS_PER_TURN = 200;

const validateYielding = async (raws: readonly RawRow[]): Promise<PreparedRow[]> => {
  const rows: PreparedRow[] = [];
  for (let start = 0; start < raws.length; start += ROWS_PER_TURN) {
    if (start > 0) await nextTurn();
    for (const raw of raws.slice(start, start + ROWS_PER_TURN)) rows.push(toBatchRow(raw));
  }
  return rows;
};

/** Two rows with one identity would share command ids, so the later ones are refused, naming the first. */
export const prepareRows = async (raws: readonly RawRow[]): Promise<PreparedRow[]> => {
  const first = new Map<string, number>();
  return (await validateYielding(raws)).map((row) => {
    if ('problem' in row) return row;
    const earlier = first.get(row.identity);
    if (earlier === undefined) {
      first.set(row.identity, row.row);
      return row;
    }
    const what = row.rowKey === null ? 'the same content' : `the same rowKey`;
    return {
      row: row.row,
      rowKey: row.rowKey,
      problem: rowProblem(
        400,
        'batch.row-duplicate',
        'The row repeats an earlier row of the batch',
        { field: 'rowKey', column: 'rowKey', detail: `Row ${row.row} has ${what} as row ${earlier}` },
        { duplicateOf: earlier },
      ),
    };
  });
};
