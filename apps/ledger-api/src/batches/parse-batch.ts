import { parse } from 'csv-parse/sync';
import { BatchRejectedError, type Problem, problem } from '../http/problem';
import { ALWAYS_REQUIRED, ASSESSMENT_REQUIRED, COLUMNS, isColumn } from './columns';

export const MAX_BATCH_ROWS = 10_000;

export type BatchMediaType = 'text/csv' | 'application/x-ndjson';

/** One data row as uploaded (row numbers are 1-based and count data rows only), or why it is unreadable. */
export type RawRow =
  | Readonly<{ row: number; values: Readonly<Record<string, unknown>> }>
  | Readonly<{ row: number; problem: Problem }>;

export const rowProblem = (
  status: number,
  code: string,
  title: string,
  at: { field: string; column: string; detail?: string },
  extra: Partial<Problem> = {},
): Problem => problem(status, code, title, { ...extra, ...at });

const tooLarge = () =>
  new BatchRejectedError(
    413,
    'batch.too-large',
    `A batch holds at most ${MAX_BATCH_ROWS.toLocaleString('en-US')} rows`,
    {
      detail: `Split the upload into batches of at most ${MAX_BATCH_ROWS} rows`,
      limit: MAX_BATCH_ROWS,
    },
  );

/** One error for the whole batch, naming every column at fault, rather than one per row. */
const checkHeader = (header: readonly string[]): void => {
  const unknown = header.filter((name) => !isColumn(name));
  if (unknown.length > 0) {
    throw new BatchRejectedError(
      400,
      'batch.column-unknown',
      `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      {
        columns: unknown,
        detail: `Known columns: ${COLUMNS.join(', ')}`,
      },
    );
  }
  const repeated = header.filter((name, i) => header.indexOf(name) !== i);
  if (repeated.length > 0)
    throw new BatchRejectedError(400, 'batch.column-repeated', `Column repeated: ${repeated.join(', ')}`, {
      columns: repeated,
    });
  const required = header.includes('assessmentId')
    ? ALWAYS_REQUIRED
    : [...ALWAYS_REQUIRED, ...ASSESSMENT_REQUIRED];
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new BatchRejectedError(
      400,
      'batch.column-missing',
      `Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
      {
        columns: missing,
        detail:
          'Each row needs specificationId, learnerId and validFrom, and either assessmentId or outcome, assessor, method and assessedAt',
      },
    );
  }
};

/** CSV cells are text: empty means absent, and evidence is a space-separated list of URLs. */
const csvValues = (header: readonly string[], cells: readonly string[]): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') return;
    values[name] = name === 'evidence' ? cell.split(/\s+/).filter(Boolean) : cell;
  });
  return values;
};

const parseCsv = (text: string, delimiter: string): RawRow[] => {
  let records: string[][];
  try {
    // One past the limit (plus the header) is enough to refuse, without parsing a huge upload to the end.
    records = parse(text, {
      bom: true,
      delimiter,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to: MAX_BATCH_ROWS + 2,
    });
  } catch (error) {
    throw new BatchRejectedError(400, 'batch.unreadable', 'The CSV cannot be read', {
      detail: (error as Error).message,
    });
  }
  if (records.length === 0) throw new BatchRejectedError(400, 'batch.empty', 'The CSV has no header row');
  if (records.length > MAX_BATCH_ROWS + 1) throw tooLarge();
  const [header, ...rows] = records;
  checkHeader(header);
  return rows.map((cells, i): RawRow => {
    const row = i + 1;
    if (cells.length !== header.length) {
      return {
        row,
        problem: rowProblem(
          400,
          'batch.row-columns',
          'The row has a different number of cells than the header',
          { field: '', column: '', detail: `${cells.length} cells, header has ${header.length}` },
        ),
      };
    }
    return { row, values: csvValues(header, cells) };
  });
};

const parseNdjsonLine = (line: string, row: number): RawRow => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      row,
      problem: rowProblem(400, 'batch.row-unreadable', 'The line is not JSON', {
        field: '',
        column: '',
        detail: (error as Error).message,
      }),
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      row,
      problem: rowProblem(400, 'batch.row-unreadable', 'The line is not a JSON object', {
        field: '',
        column: '',
      }),
    };
  }
  return { row, values: value as Record<string, unknown> };
};

const parseNdjson = (text: string): RawRow[] => {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (lines.length > MAX_BATCH_ROWS) throw tooLarge();
  return lines.map((line, i) => parseNdjsonLine(line, i + 1));
};

/** A batch body as rows; refuses the whole batch (BatchRejectedError) only for what no row could fix. */
export const parseBatch = (
  body: string,
  mediaType: BatchMediaType,
  options: { delimiter?: string } = {},
): RawRow[] => {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new BatchRejectedError(
      400,
      'batch.delimiter-invalid',
      'delimiter must be one character other than a quote or line break',
    );
  }
  return mediaType === 'text/csv' ? parseCsv(body, delimiter) : parseNdjson(body);
};
