import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteFile = Readonly<{
  /** A file path, or ':memory:' for throwaway unit use. */
  path: string;
  /** How long a write waits for another process's transaction before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}>;

/**
 * FULL fsyncs every commit. NORMAL only for data that is rebuilt or deduplicated elsewhere: it may
 * lose the last commits on power loss, never part of one.
 */
export type Synchronous = 'FULL' | 'NORMAL';

/**
 * Opens the file with the pragmas every connection needs. journal_mode=WAL persists in the file,
 * but synchronous does not, and better-sqlite3 reopens WAL files at NORMAL, where a commit is not
 * fsynced: an acknowledged write could vanish on power loss. So both are set on every open.
 */
export const openDurableDatabase = (
  { path, busyTimeoutMs = 5000 }: SqliteFile,
  synchronous: Synchronous = 'FULL',
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

export type SideDatabase = Readonly<{
  path: string;
  /** Each side database says how much a power loss may cost it, and why, where it is opened. */
  synchronous: Synchronous;
  /** Idempotent DDL (CREATE … IF NOT EXISTS), run on every open. */
  schema: string;
}>;

/**
 * A side database beside the event store (principals, idempotent answers, checkpoints, reactor
 * indexes): its own file, so its writes never contend with appends, opened with the same pragmas.
 */
export const openSideDatabase = ({ path, synchronous, schema }: SideDatabase): Database.Database => {
  const db = openDurableDatabase({ path }, synchronous);
  try {
    db.exec(schema);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
