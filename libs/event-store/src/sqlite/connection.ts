import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema';
import { toStoreError } from './sqlite-errors';

export type ConnectionOptions = Readonly<{
  /** A file path, or ':memory:' for throwaway unit use. */
  path: string;
  /** How long a write waits for another process's transaction before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}>;

/**
 * Opens the file with the pragmas every connection needs. journal_mode=WAL persists in the file,
 * but synchronous does not, and better-sqlite3 reopens WAL files at NORMAL, where a commit is not
 * fsynced: an acknowledged append could vanish on power loss. So both are set on every open.
 */
export const openDurableDatabase = (
  { path, busyTimeoutMs = 5000 }: ConnectionOptions,
  /** NORMAL only for data that is rebuilt or deduplicated elsewhere: it may lose the last commits on power loss. */
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): Database.Database => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

/** The event store's connection: durable pragmas, then the events schema. */
export const openConnection = (options: ConnectionOptions): Database.Database => {
  try {
    const db = openDurableDatabase(options);
    try {
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw toStoreError(error);
  }
};
