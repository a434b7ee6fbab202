import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readEnv } from '@credence/config';
import { backupDataDir } from '../backup/backup';

const backup = async (dir: string): Promise<void> => {
  if (readEnv('CREDENCE_EVENT_STORE') === 'eventstoredb') {
    console.error(
      'note: the event log is in EventStoreDB; back it up with its own tools. Copying the embedded files only.',
    );
  }
  const dataDir = resolve(readEnv('CREDENCE_DATA_DIR')!);
  const summary = await backupDataDir(dataDir, resolve(dir));
  for (const file of summary.files)
    console.log(`${file.name.padEnd(22)} ${String(file.bytes).padStart(12)} bytes  sha256 ${file.sha256}`);
  console.log(
    `backup of ${dataDir} in ${summary.dir}: log head ${summary.eventsHead ?? '(empty)'}, taken ${summary.createdAt}`,
  );
};

/** `credence backup <dir>`: an online copy of the embedded stores while the API serves. */
export const registerBackupCommand = (program: Command): void => {
  program
    .command('backup')
    .argument('<dir>', 'new or empty directory for the copy')
    .description(
      "Copy every embedded SQLite database of CREDENCE_DATA_DIR with SQLite's online backup API, while the apps keep running, and its key files (key-encryption.key, log-key: the backup holds secrets, see docs/operations.md); " +
        "writes backup.json with each file's sha256. Read models in PostgreSQL (DATABASE_URL) are not copied: rebuild them after a restore.",
    )
    .action(backup);
};
