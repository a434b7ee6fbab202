import type { Transaction } from 'kysely';
import type { Columns } from '../projection';
import type { ReadModelDatabase } from './database';
import { kyselyDocumentTable } from './kysely-documents';
import { sqliteDocumentTable } from './sqlite-documents';
import type { AnyTables } from './tables';

/** A row as stored: the document as JSON and the columns derived from it. */
export type DocumentRow = Readonly<{ id: string; doc: string }> & Columns;

/** One projection table inside the caller's transaction: documents by id in, rows out. */
export type DocumentTable = Readonly<{
  /** The stored documents among `ids`, parsed; absent ids have none. */
  load: (ids: readonly string[]) => Promise<Map<string, unknown>>;
  /** Inserts or replaces `rows`, deletes `removed`. */
  save: (rows: readonly DocumentRow[], removed: readonly string[]) => Promise<void>;
}>;

/**
 * SQLite: statements prepared once and run on the connection under `trx` (Kysely's SQLite driver
 * has one, and holds it for the transaction). PostgreSQL: multi-row statements through `trx`.
 */
export const documentTable = (rm: ReadModelDatabase, trx: Transaction<AnyTables>, table: string): DocumentTable =>
  rm.sqlite ? sqliteDocumentTable(rm.sqlite, table) : kyselyDocumentTable(trx, table);
