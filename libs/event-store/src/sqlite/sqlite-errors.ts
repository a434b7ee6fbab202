import { EventStoreError, StoreUnavailableError } from '../errors';

/** better-sqlite3's SqliteError carries the extended result code, e.g. SQLITE_BUSY_SNAPSHOT. */
const sqliteCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/** Codes that say "not now" rather than "never": another process holds the lock, the disk is full. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|NOMEM)/;

export const isUniqueViolation = (error: unknown, column: string): boolean =>
  sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && (error as Error).message.includes(column);

/** Keeps the store's one error family at the boundary; unknown failures pass through unchanged. */
export const toStoreError = (error: unknown): unknown => {
  if (error instanceof EventStoreError) return error;
  const code = sqliteCode(error);
  if (code && TRANSIENT.test(code)) {
    return new StoreUnavailableError(
      `SQLite event store unavailable (${code}): ${(error as Error).message}`,
      error,
    );
  }
  return error;
};
