import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type * as PgModule from 'pg';
import { openDurableDatabase, PAGE_CACHE_KIB } from '@credence/sqlite';
import type { AnyTables, ReadModelTables } from './tables';

export type ReadModelSettings = Readonly<{
  /** PostgreSQL URL; unset = the embedded SQLite file. A `?options=-c search_path=…` picks the schema. */
  databaseUrl?: string;
  /** The embedded database lives at `<dataDir>/read-models.sqlite`. */
  dataDir: string;
}>;

export const sqliteReadModelsPath = (dataDir: string): string => join(dataDir, 'read-models.sqlite');

/** The embedded file's own connection, for the projector's writes: statements prepared once, run in Kysely's transaction. */
export type SqliteConnection = Readonly<{
  path: string;
  prepared: (text: string) => BetterSqlite3.Statement;
}>;

const sqliteConnection = (path: string, database: BetterSqlite3.Database): SqliteConnection => {
  // Keyed by SQL text: a handful per table and table set. A statement outlives a rename of its
  // table (SQLite re-prepares it against the schema it then finds).
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    path,
    prepared: (text) => {
      let statement = statements.get(text);
      if (!statement) statements.set(text, (statement = database.prepare(text)));
      return statement;
    },
  };
};

/** One read-model database, on either dialect, behind one Kysely instance. */
export class ReadModelDatabase {
  private reader?: BetterSqlite3.Database;

  private constructor(
    readonly db: Kysely<ReadModelTables>,
    readonly dialect: 'sqlite' | 'postgres',
    /** PostgreSQL's current schema (where the tables live); undefined on SQLite. */
    readonly schema: string | undefined,
    /** The SQLite connection under Kysely's (the same one); undefined on PostgreSQL. */
    readonly sqlite?: SqliteConnection,
  ) {}

  static async open(settings: ReadModelSettings): Promise<ReadModelDatabase> {
    if (!settings.databaseUrl) {
      const path = sqliteReadModelsPath(settings.dataDir);
      // The projector writes through it, and Kysely's queries (GET routes) read through it.
      const database = openDurableDatabase({ path, cacheKib: PAGE_CACHE_KIB.serving }, 'NORMAL');
      // WAL with synchronous=NORMAL: a commit is not fsynced, so power loss may drop the last
      // batches, but never part of one (WAL replays whole transactions only). Each batch commits
      // with its checkpoint, so what is lost is exactly a suffix of the log, which the projector
      // reads again from the event store (itself FULL-synced) on its next start. A kill -9 loses
      // nothing either way: the OS keeps what was written. FULL cost an fsync per batch.
      const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database }) });
      return new ReadModelDatabase(db, 'sqlite', undefined, sqliteConnection(path, database));
    }
    // Loaded on demand: read models on the embedded file never pay for the PostgreSQL client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Pool } = require('pg') as typeof PgModule;
    const pool = new Pool({ connectionString: settings.databaseUrl, max: 4 });
    // An idle connection dropped by the server must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<ReadModelTables>({ dialect: new PostgresDialect({ pool }) });
    try {
      const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
      if (!rows[0]?.schema) throw new Error('The PostgreSQL search_path names no existing schema');
      return new ReadModelDatabase(db, 'postgres', rows[0].schema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  /** The same connection, for tables named at run time (projection tables, staging copies). */
  get any(): Kysely<AnyTables> {
    return this.db as unknown as Kysely<AnyTables>;
  }

  /**
   * SQLite only: a second, read-only connection to the same file, opened on first use, for queries
   * that run their own prepared statements. Not Kysely's connection: the projector's transactions
   * hold that one across awaits, and a statement run on it meanwhile would see their uncommitted
   * rows. Each statement here reads one committed snapshot (WAL lets it run beside the writer).
   */
  sqliteReader(): BetterSqlite3.Database | undefined {
    if (!this.sqlite) return undefined;
    if (!this.reader) {
      this.reader = new BetterSqlite3(this.sqlite.path, { readonly: true, fileMustExist: true });
      this.reader.pragma('busy_timeout = 5000');
      // It serves the GET routes' own prepared statements (one credential, its status entries).
      this.reader.pragma(`cache_size = ${-PAGE_CACHE_KIB.serving}`);
    }
    return this.reader;
  }

  async close(): Promise<void> {
    this.reader?.close();
    this.reader = undefined;
    await this.db.destroy();
  }
}
