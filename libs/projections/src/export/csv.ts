/**
 * RFC 4180 CSV (CRLF, quotes doubled). Lists of plain values join with "; ", other structures go in
 * as JSON. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe: an export must never execute on the auditor's machine.
 */
const FORMULA = /^[=+\-@\t\r]/;

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return FORMULA.test(value) ? `'${value}` : value;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return value.map(text).join('; ');
  return JSON.stringify(value);
};

const cell = (value: unknown): string => {
  const raw = text(value);
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
};

export const csvRow = (values: readonly unknown[]): string => `${values.map(cell).join(',')}\r\n`;

/** A header row and one row per record, columns in the order given. */
export const toCsv = <T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string =>
  csvRow(columns) + rows.map((row) => csvRow(columns.map((c) => row[c]))).join('');

/** Records side by side: one row per attribute, one column per record (a comparison table). */
export const toCsvTransposed = <T extends object>(
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  headerOf: (row: T) => string,
): string =>
  csvRow(['attribute', ...rows.map(headerOf)]) +
  columns.map((c) => csvRow([c, ...rows.map((row) => row[c])])).join('');
