import { extname } from 'node:path';
import type { BatchStatus } from './batch-client';

/** `cohort.csv` → `cohort.results.csv`, next to the input, so a registrar finds it beside the upload. */
export const resultsPathFor = (input: string): string => {
  const extension = extname(input);
  return `${extension ? input.slice(0, -extension.length) : input}.results.csv`;
};

export const mediaTypeFor = (input: string): 'text/csv' | 'application/x-ndjson' =>
  ['.ndjson', '.jsonl'].includes(extname(input).toLowerCase()) ? 'application/x-ndjson' : 'text/csv';

const number = (n: number) => n.toLocaleString('en-US');

/** The counts, then the first failing rows with their column and code (the CSV has them all). */
export const summaryTable = (status: BatchStatus, shownFailures = 10): string[] => {
  const counts: [string, number][] = [
    ['rows', status.rows],
    ['issued', status.issued],
    ['skipped-as-duplicate', status['skipped-as-duplicate']],
    ['failed', status.failed],
  ];
  const width = Math.max(...counts.map(([, n]) => number(n).length));
  const lines = counts.map(([label, n]) => `${label.padEnd(22)}${number(n).padStart(width)}`);
  const failures = status.results.filter((r) => r.status === 'failed');
  for (const r of failures.slice(0, shownFailures)) {
    const where = r.problem?.column ? ` ${r.problem.column}` : '';
    lines.push(
      `  row ${r.row}${r.rowKey ? ` (${r.rowKey})` : ''}${where}: ${r.problem?.code ?? 'failed'}: ${r.problem?.detail ?? r.problem?.title ?? ''}`,
    );
  }
  if (failures.length > shownFailures)
    lines.push(`  … and ${number(failures.length - shownFailures)} more failed rows`);
  return lines;
};
