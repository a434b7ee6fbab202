import { toCsv } from '@credence/projections';
import type { FieldError, Problem } from '../http/problem';
import type { Batch, BatchCounts, RowResult } from './batch-store';

/** One row as `GET /v1/credential-batches/{id}` shows it: the ids it produced, or the problem. */
const jsonResult = ({ row, rowKey, status, credentialId, assessmentId, problem }: RowResult) =>
  problem
    ? { row, rowKey, status, ...(assessmentId ? { assessmentId } : {}), problem }
    : { row, rowKey, status, credentialId, assessmentId };

export const batchJson = (
  batch: Pick<Batch, 'id' | 'status' | 'atomic'>,
  counts: BatchCounts,
  results: readonly RowResult[],
) => ({
  id: batch.id,
  status: batch.status,
  atomic: batch.atomic,
  ...counts,
  results: results.map(jsonResult),
});

/** The problem in one spreadsheet cell: its detail, or each field error with its column. */
const messageOf = (problem: Problem): string => {
  const errors = problem.errors as (FieldError & { column?: string })[] | undefined;
  if (errors?.length)
    return errors.map((e) => `${e.column ?? e.field}: ${e.messages.join('; ')}`).join(' | ');
  return problem.detail ?? problem.title;
};

type CsvLine = {
  row: number;
  rowKey: string;
  status: string;
  credentialId: string;
  code: string;
  message: string;
};
const CSV_COLUMNS: (keyof CsvLine)[] = ['row', 'rowKey', 'status', 'credentialId', 'code', 'message'];

/**
 * The results a registrar opens next to the upload: original row number, key, status, credential id,
 * code and message. The shared CSV writer escapes formulas, since row keys and messages echo the upload.
 */
export const batchCsv = (results: readonly RowResult[]): string =>
  toCsv(
    CSV_COLUMNS,
    results.map((r) => ({
      row: r.row,
      rowKey: r.rowKey ?? '',
      status: r.status,
      credentialId: r.credentialId ?? '',
      code: r.problem?.code ?? '',
      message: r.problem ? messageOf(r.problem) : '',
    })),
  );
