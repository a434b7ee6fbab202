import type Database from 'better-sqlite3';
import { openDurableDatabase, PAGE_CACHE_KIB, type SqliteFile } from '@credence/sqlite';
import { migrate } from './schema';
import { toStoreError } from './sqlite-errors';

export type ConnectionOptions = SqliteFile;

/** The event store's connection: durable pragmas, then the events schema. */
export const openConnection = (options: ConnectionOptions): Database.Database => {
  try {
    // Every append and every read of the log goes through this one connection.
    const db = openDurableDatabase({ cacheKib: PAGE_CACHE_KIB.serving, ...options });
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
