import { chmodSync, constants, copyFileSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_FILES, SECRET_MODE, secretFiles, sqliteFiles } from './sqlite-files';
import { verifyStore } from './verify';

/**
 * Restores a backup (databases and key files) into a data dir that holds neither: verifies the backup first (integrity,
 * hash chains, manifest hashes), then copies each file under a temporary name and renames it into
 * place, so an interrupted restore leaves no half-copied database under a real name.
 */
export const restoreBackup = async (backupDir: string, dataDir: string): Promise<string[]> => {
  const failed = (await verifyStore(backupDir)).filter((r) => !r.ok);
  if (failed.length > 0)
    throw new Error(
      `the backup does not verify:\n${failed.map((r) => `${r.check}: ${r.detail}`).join('\n')}`,
    );
  mkdirSync(dataDir, { recursive: true });
  const present = readdirSync(dataDir).filter(
    (name) => /\.sqlite(-wal|-shm)?$/.test(name) || SECRET_FILES.includes(name),
  );
  if (present.length > 0)
    throw new Error(
      `${dataDir} already holds databases or keys (${present.join(', ')}): restore into an empty data dir`,
    );
  const secrets = secretFiles(backupDir);
  const names = [...secrets, ...sqliteFiles(backupDir)];
  for (const name of names) {
    const partial = join(dataDir, `${name}.restoring`);
    copyFileSync(join(backupDir, name), partial, constants.COPYFILE_EXCL);
    if (secrets.includes(name)) chmodSync(partial, SECRET_MODE);
    renameSync(partial, join(dataDir, name));
  }
  return names;
};
