import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteFile = Readonly<{
  /** A file path, or ':memory:' for throwaway unit use. */
  path: string;
  /** How long a write waits for another process's transaction before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** This connection's page cache bound in KiB; see PAGE_CACHE_KIB. */
  cacheKib?: number;
}>;

/**
 * Page cache bounds per connection, in KiB. better-sqlite3 builds SQLite with a 16 MiB cache per
 * connection, and ledger-api opens a dozen: filled under load, that is up to 200 MB outside V8's
 * heap (issue 20). The OS keeps the file's pages in its own cache anyway, so a miss here costs
 * a read call, not a disk access; a connection gets more only where a miss is on a hot path.
 */
export const PAGE_CACHE_KIB = {
  /** SQLite's own default: small side files, or files read once start to end. */
  side: 2_048,
  /** A connection serving the API's requests over a file that grows with the log. */
  serving: 8_192,
} as const;

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
  { path, busyTimeoutMs = 5000, cacheKib = PAGE_CACHE_KIB.side }: SqliteFile,
  synchronous: Synchronous = 'FULL',
): Database.Database => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${-Math.max(0, Math.trunc(cacheKib))}`);
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
