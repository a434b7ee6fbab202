import { resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyStore } from '../backup/verify';

const verify = async (dir: string): Promise<void> => {
  const results = await verifyStore(resolve(dir));
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.check}: ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    failed === 0
      ? `${dir}: all ${results.length} checks passed`
      : `${dir}: ${failed} of ${results.length} checks failed`,
  );
  if (failed > 0) process.exitCode = 1;
};

/** `credence verify-store <dir>`: a data dir or a backup, checked before anyone relies on it. */
export const registerVerifyStoreCommand = (program: Command): void => {
  program
    .command('verify-store')
    .argument('<dir>', 'a data dir or a backup directory')
    .description(
      "PRAGMA integrity_check on every embedded database, every stream's hash chain, the transparency log's tree and signed checkpoints against the event hashes, and in a backup each file's sha256 against backup.json; exit code 1 on any failure",
    )
    .action(verify);
};
