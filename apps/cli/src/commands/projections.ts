import type { Command } from 'commander';
import { openProjectionRuntime, projectionStatus, rebuildProjections } from '@credence/projections';
import { progressLine } from '@credence/runtime';

type RebuildFlags = { swap?: boolean; batchSize?: string };

const rebuild = async (flags: RebuildFlags): Promise<void> => {
  // Unset: the library's rebuild default (large transactions), not a CLI-side number that overrides it.
  const batchSize = flags.batchSize === undefined ? undefined : Number(flags.batchSize);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
    throw new Error('--batch-size must be a positive integer');
  const runtime = await openProjectionRuntime();
  const line = progressLine(process.stderr);
  try {
    const summary = await rebuildProjections(runtime.store, runtime.rm, {
      swap: flags.swap,
      batchSize,
      onProgress: line.update,
    });
    line.end(summary);
    const rate = Math.round(summary.eventsPerSecond).toLocaleString('en-US');
    console.error(
      `projections rebuilt from position 0: ${summary.processed} events (${rate} ev/s)${summary.swapped ? ', new tables swapped in' : ''}`,
    );
  } finally {
    await runtime.close();
  }
};

const status = async (): Promise<void> => {
  const runtime = await openProjectionRuntime();
  try {
    const { head, projections } = await projectionStatus(runtime.rm, runtime.store);
    console.log(`log head: ${head ?? '(empty)'}`);
    for (const p of projections)
      console.log(
        `${p.name.padEnd(24)} checkpoint ${String(p.checkpoint ?? '-').padEnd(12)} lag ${p.lag ?? 'unknown'}`,
      );
  } finally {
    await runtime.close();
  }
};

/** `credence projections …`: the auditors' read models, from the operator's side. */
export const registerProjectionsCommands = (program: Command): void => {
  const projections = program
    .command('projections')
    .description('Auditor read models (CREDENCE_DATA_DIR, DATABASE_URL)');
  projections
    .command('rebuild')
    .description(
      'Rebuild every read model from position 0, with a progress bar (events/s, ETA) on a terminal. In place by default: ' +
        'the API answers from partial tables meanwhile. With --swap, builds a fresh table set next to the live one and swaps it in at the end.',
    )
    .option(
      '--swap',
      'rebuild into fresh tables and swap them in, so the API keeps serving complete read models',
    )
    .option('--batch-size <n>', 'events per transaction (default: the rebuild default, 50,000)')
    .action(rebuild);
  projections
    .command('status')
    .description("Each projection's checkpoint and its lag behind the log")
    .action(status);
};
