import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { KEK_FILE_NAME } from '@credence/credentials';
import { logKeyPath } from '@credence/transparency';

/** The event log: the source of truth, and what every other embedded file is derived from or keyed by. */
export const EVENTS_FILE = 'events.sqlite';

/**
 * The embedded databases in a directory (events, API principals and idempotency keys, reactors,
 * read models, feed checkpoints), events.sqlite last: copied after the others, every derived
 * checkpoint in a backup is at or behind the copied log, so a restore never skips an event.
 */
export const sqliteFiles = (dir: string): string[] => {
  const names = readdirSync(dir).filter((name) => name.endsWith('.sqlite'));
  return [
    ...names.filter((name) => name !== EVENTS_FILE).sort(),
    ...names.filter((name) => name === EVENTS_FILE),
  ];
};

/**
 * The data dir's key files: the key-encryption key that unlocks the issuer keys in
 * issuer-keys.sqlite, and the transparency log's signing seed. Without them a restored data dir
 * cannot sign with its issuers' keys nor continue its own log. Absent when the keys come from
 * CREDENCE_KEY_ENCRYPTION_KEY / CREDENCE_LOG_KEY instead.
 */
export const SECRET_FILES: readonly string[] = [KEK_FILE_NAME, basename(logKeyPath('.'))];

/** Secret files are written readable by their owner only, in the data dir and in a backup alike. */
export const SECRET_MODE = 0o600;

export const secretFiles = (dir: string): string[] =>
  SECRET_FILES.filter((name) => existsSync(join(dir, name)));

/** Opens an existing file without creating anything; waits for a writer in another process like the apps do. */
export const openExisting = (path: string): Database.Database => {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
};

/** Opens the file for one use and always closes it. */
export const withDatabase = <T>(path: string, use: (db: Database.Database) => T): T => {
  const db = openExisting(path);
  try {
    return use(db);
  } finally {
    db.close();
  }
};

export const sha256File = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

export type Manifest = Readonly<{
  format: 'credence-backup/1';
  createdAt: string;
  /** The last global position in the copied event log (null: empty log). */
  eventsHead: number | null;
  files: readonly Readonly<{ name: string; bytes: number; sha256: string }>[];
}>;

export const MANIFEST_FILE = 'backup.json';
export const manifestPath = (dir: string): string => join(dir, MANIFEST_FILE);
