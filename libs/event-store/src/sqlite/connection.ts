import type Database from 'better-sqlite3';
import { openDurableDatabase, type SqliteFile } from '@credence/sqlite';
import { migrate } from './schema';
import { toStoreError } from './sqlite-errors';

export type ConnectionOptions = SqliteFile;

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
