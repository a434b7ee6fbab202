import type Database from 'better-sqlite3';

/**
 * A commit hook (loaded by a writer thread as a CommitHookModule) that ends its thread in the
 * middle of the transaction that appends to `streamId`: after the append's INSERTs, before COMMIT,
 * as a crash of the thread would.
 */
export const exitOnStream = ({ streamId }: { streamId: string }) => {
  return (db: Database.Database): void => {
    const found = db.prepare('SELECT 1 FROM events WHERE stream_id = ?').get(streamId);
    if (found) process.exit(70);
  };
};
