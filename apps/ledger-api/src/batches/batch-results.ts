import { toCsv } from '@credence/projections';
import type { FieldError, Problem } from '../http/problem';
import type { Batch, BatchCounts, RowResult } from './batch-store';

/**
 * `GET /v1/credential-batches/{id}` as JSON: status, counts and the results, already serialised in
 * row order (BatchStore.resultsJson), so a poll does not parse and re-serialise every row.
 */
export const batchJsonText = (
  batch: Pick<Batch, 'id' | 'status' | 'atomic'>,
  counts: BatchCounts,
  resultsJson: string,
): string => `${batchSummaryText(batch, counts).slice(0, -1)},"results":${resultsJson}}`;

/** The same without the results: what a progress poll (`?results=false`) needs. */
export const batchSummaryText = (
  batch: Pick<Batch, 'id' | 'status' | 'atomic'>,
  counts: BatchCounts,
): string => JSON.stringify({ id: batch.id, status: batch.status, atomic: batch.atomic, ...counts });

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
