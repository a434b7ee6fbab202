import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readEnv } from '@credence/config';
import { restoreBackup } from '../backup/restore';

const restore = async (backupDir: string, flags: { to?: string }): Promise<void> => {
  const dataDir = resolve(flags.to ?? readEnv('CREDENCE_DATA_DIR')!);
  const names = await restoreBackup(resolve(backupDir), dataDir);
  console.log(`restored ${names.join(', ')} into ${dataDir}`);
  console.log(
    `start the apps with CREDENCE_DATA_DIR=${dataDir}; projections catch up from their restored checkpoints`,
  );
};

/** `credence restore <backup>`: the way back, into an empty data dir, never over a live one. */
export const registerRestoreCommand = (program: Command): void => {
  program
    .command('restore')
    .argument('<backup>', 'a directory written by credence backup')
    .option(
      '--to <dataDir>',
      'the data dir to restore into (default: CREDENCE_DATA_DIR); must hold no databases or key files',
    )
    .description(
      'Verify a backup (as verify-store does), then copy its databases and key files into an empty data dir. Stop the apps first; see docs/operations.md.',
    )
    .action(restore);
};
