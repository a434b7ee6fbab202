import type { Kysely } from 'kysely';
import type { Columns } from '../projection';
import type { ReadModelDatabase } from './database';
import { kyselyDocumentTable } from './kysely-documents';
import { sqliteDocumentTable } from './sqlite-documents';
import type { AnyTables } from './tables';

/** A row to store: the document as JSON and the columns derived from it. */
export type DocumentRow = Readonly<{ id: string; doc: string; columns: Columns }>;

/** One projection table inside the caller's transaction: documents by id in, rows out. */
export type DocumentTable = Readonly<{
  /** The stored documents among `ids`, parsed; absent ids have none. */
  load: (ids: readonly string[]) => Promise<Map<string, unknown>>;
  /** Inserts or replaces `rows`, deletes `removed`. */
  save: (rows: readonly DocumentRow[], removed: readonly string[]) => Promise<void>;
}>;

/**
 * `db` is a transaction, or a connection held with `connection()`. SQLite: statements prepared once
 * and run on the connection under `db` (Kysely's SQLite driver has one, and holds it meanwhile).
 * PostgreSQL: multi-row statements through `db`.
 */
export const documentTable = (rm: ReadModelDatabase, db: Kysely<AnyTables>, table: string): DocumentTable =>
  rm.sqlite ? sqliteDocumentTable(rm.sqlite, table) : kyselyDocumentTable(db, table);
