import { chmodSync, constants, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENTS_FILE,
  type Manifest,
  manifestPath,
  openExisting,
  SECRET_MODE,
  secretFiles,
  sha256File,
  sqliteFiles,
  withDatabase,
} from './sqlite-files';

/** SQLite's backup API copies at most this many pages per step: all of them, so each copy is one snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies one live database with SQLite's online backup API. A step reads inside one read
 * transaction, so copying every page in a single step gives a consistent snapshot while the API keeps
 * writing (with smaller steps, a write from another process restarts the copy, forever under load).
 * The copy is switched to a rollback journal so it is one self-contained file.
 */
const copyDatabase = async (source: string, target: string): Promise<void> => {
  const db = openExisting(source);
  try {
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  withDatabase(target, (copy) => copy.pragma('journal_mode = DELETE'));
};

const headOf = (eventsFile: string): number | null =>
  withDatabase(
    eventsFile,
    (db) =>
      (db.prepare('SELECT max(global_position) AS head FROM events').get() as { head: number | null }).head,
  );

export type BackupSummary = Manifest & Readonly<{ dir: string }>;

/** A key file is written once and never changed, so a plain copy is consistent; it keeps its 0600. */
const copySecret = (source: string, target: string): void => {
  copyFileSync(source, target, constants.COPYFILE_EXCL);
  chmodSync(target, SECRET_MODE);
};

/**
 * Backs up every embedded database and key file of `dataDir` into `targetDir` (new or empty, made
 * owner-only since it then holds secrets), with a manifest of hashes.
 */
export const backupDataDir = async (
  dataDir: string,
  targetDir: string,
  now: () => Date = () => new Date(),
): Promise<BackupSummary> => {
  mkdirSync(targetDir, { recursive: true, mode: 0o700 });
  if (readdirSync(targetDir).length > 0)
    throw new Error(`${targetDir} is not empty: back up into a new directory`);
  const names = sqliteFiles(dataDir);
  if (!names.includes(EVENTS_FILE))
    throw new Error(`${dataDir} has no ${EVENTS_FILE}: is CREDENCE_DATA_DIR right?`);
  const createdAt = now().toISOString();
  const files = [];
  for (const name of secretFiles(dataDir)) {
    const target = join(targetDir, name);
    copySecret(join(dataDir, name), target);
    files.push({ name, bytes: statSync(target).size, sha256: await sha256File(target) });
  }
  for (const name of names) {
    const target = join(targetDir, name);
    await copyDatabase(join(dataDir, name), target);
    files.push({ name, bytes: statSync(target).size, sha256: await sha256File(target) });
  }
  const manifest: Manifest = {
    format: 'credence-backup/1',
    createdAt,
    eventsHead: headOf(join(targetDir, EVENTS_FILE)),
    files,
  };
  writeFileSync(manifestPath(targetDir), JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, dir: targetDir };
};
