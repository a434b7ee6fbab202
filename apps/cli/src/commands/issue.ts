import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type BatchApi, batchResultsCsv, uploadBatch, waitForBatch } from '../batch/batch-client';
import { mediaTypeFor, resultsPathFor, summaryTable } from '../batch/batch-summary';
import { progressLine } from '../progress-line';

type IssueFlags = {
  batch: string;
  api: string;
  token?: string;
  atomic?: boolean;
  delimiter?: string;
  idempotencyKey?: string;
};

export type IssueIo = Readonly<{
  out: (line: string) => void;
  err: (line: string) => void;
  progress: NodeJS.WriteStream;
}>;

const ROWS = { plural: 'rows', perSecond: 'rows/s' };

/** Uploads, follows, writes `<input>.results.csv` and prints the summary; 2 when any row failed. */
export const issueBatch = async (
  flags: IssueFlags,
  io: IssueIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  const token = flags.token ?? env.CREDENCE_TOKEN;
  if (!token) throw new Error('--token (or CREDENCE_TOKEN) is required');
  const api: BatchApi = { baseUrl: flags.api, token };
  const idempotencyKey = flags.idempotencyKey ?? randomUUID();
  // Printed so an interrupted upload can be resumed from another shell without a second batch.
  io.err(`uploading ${flags.batch} (Idempotency-Key ${idempotencyKey})`);
  const body = await readFile(flags.batch);
  const { id, rows } = await uploadBatch(api, {
    body,
    mediaType: mediaTypeFor(flags.batch),
    idempotencyKey,
    atomic: flags.atomic,
    delimiter: flags.delimiter,
  });
  const status = await waitForBatch(api, id, progressLine(io.progress, rows, ROWS));
  const resultsPath = resultsPathFor(flags.batch);
  await writeFile(resultsPath, await batchResultsCsv(api, id));
  io.out(`batch ${id}`);
  summaryTable(status).forEach((line) => io.out(line));
  io.out(`results: ${resultsPath}`);
  return status.failed > 0 ? 2 : 0;
};

export const registerIssueCommands = (
  program: Command,
  io: IssueIo = { out: console.log, err: console.error, progress: process.stderr },
): void => {
  program
    .command('issue')
    .description(
      'Issue credentials for a cohort in one batch (CSV with a header row, or NDJSON for .ndjson/.jsonl files). Shows progress, ' +
        'prints a summary and writes <file>.results.csv next to the input. Exit code 2 when any row failed. ' +
        'A network error resends the upload under the same Idempotency-Key, so nothing is issued twice.',
    )
    .requiredOption('--batch <file>', 'the cohort file, e.g. cohort.csv (see docs/examples/cohort.csv)')
    .requiredOption('--api <url>', 'the ledger API, e.g. http://127.0.0.1:3000')
    .option('--token <token>', 'an issuer bearer token (default: CREDENCE_TOKEN)')
    .option('--atomic', 'all or nothing: apply no row if any row fails')
    .option('--delimiter <char>', 'CSV delimiter, e.g. ";" for European spreadsheet exports')
    .option('--idempotency-key <key>', 'resume an earlier upload (its key is printed when it starts)')
    .action(async (flags: IssueFlags) => {
      process.exitCode = await issueBatch(flags, io);
    });
};
