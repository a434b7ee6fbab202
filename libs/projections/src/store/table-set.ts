import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ReadModelError } from '../errors';
import type { ReadModelDatabase } from './database';
import { PROJECTION_TABLES, readModelMigrations, TABLE_SET } from './migrations';
import { type AnyTables, CHECKPOINTS_TABLE } from './tables';

/** Where `credence projections rebuild --swap` builds the new set next to the live one. */
export const STAGING_PREFIX = 'rebuild_';
const RETIRED_PREFIX = 'retired_';

/** Creates or upgrades a table set ('' = the live one). */
export const migrateTableSet = async (rm: ReadModelDatabase, prefix = ''): Promise<void> => {
  const migrator = new Migrator({
    db: rm.db,
    provider: {
      getMigrations: async () => readModelMigrations(prefix, randomBytes(4).toString('hex'), rm.dialect),
    },
    migrationTableName: `${prefix}kysely_migration`,
    migrationLockTableName: `${prefix}kysely_migration_lock`,
    // Named explicitly: without it Kysely looks for its table in every schema of the database.
    migrationTableSchema: rm.schema,
  });
  // Two processes starting on one SQLite file may both try migration 0001; the loser's retry finds it done.
  let outcome = await migrator.migrateToLatest();
  if (outcome.error && rm.dialect === 'sqlite') outcome = await migrator.migrateToLatest();
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new ReadModelError(
      'unavailable',
      'read-models.migration-failed',
      `Read-model migration ${failed} failed: ${String(error)}`,
    );
  }
};

/**
 * SQLite starts a transaction as a reader and upgrades on its first write; if another connection
 * committed in between, the upgrade fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting. A write
 * as the first statement takes the write lock up front. Harmless on PostgreSQL.
 */
export const beginWrite = async (trx: Transaction<AnyTables>, prefix: string): Promise<void> => {
  await trx
    .updateTable(prefix + CHECKPOINTS_TABLE)
    .set({ name: sql`name` })
    .where(sql<boolean>`1 = 0`)
    .execute();
};

export const dropTableSet = async (rm: ReadModelDatabase, prefix: string): Promise<void> => {
  if (prefix === '')
    throw new ReadModelError('invalid', 'read-models.drop-live', 'Refusing to drop the live table set');
  for (const table of TABLE_SET)
    await rm.any.schema
      .dropTable(prefix + table)
      .ifExists()
      .execute();
};

/** Empties every projection table and rewinds every checkpoint to the start of the log, atomically. */
export const resetTableSet = async (rm: ReadModelDatabase, prefix = ''): Promise<void> => {
  await rm.any.transaction().execute(async (trx) => {
    await trx
      .updateTable(prefix + CHECKPOINTS_TABLE)
      .set({ position: null })
      .execute();
    for (const table of PROJECTION_TABLES) await trx.deleteFrom(prefix + table).execute();
  });
};

/**
 * Makes a staging set live in one transaction: the live tables step aside and are dropped, the
 * staging tables take their names. Readers see the old set or the new one, never a mix; a projector
 * still writing to the old set finds its checkpoint moved and resumes on the new one.
 */
export const swapTableSet = async (rm: ReadModelDatabase, staging: string): Promise<void> => {
  await rm.any.transaction().execute(async (trx) => {
    await beginWrite(trx, '');
    for (const table of TABLE_SET) {
      await trx.schema
        .dropTable(RETIRED_PREFIX + table)
        .ifExists()
        .execute();
      await trx.schema
        .alterTable(table)
        .renameTo(RETIRED_PREFIX + table)
        .execute();
      await trx.schema
        .alterTable(staging + table)
        .renameTo(table)
        .execute();
    }
    for (const table of TABLE_SET) await trx.schema.dropTable(RETIRED_PREFIX + table).execute();
  });
};
