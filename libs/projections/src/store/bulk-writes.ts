import { sql } from 'kysely';
import { startCheckpointer } from '@credence/sqlite';
import type { ReadModelDatabase } from './database';

/** Page cache for the writer meanwhile: a 50,000-event transaction dirties tens of MB of pages. */
const BULK_CACHE_KIB = 65_536;
/** If the background checkpoints fall behind, the writer checkpoints itself at this many WAL pages. */
const BACKSTOP_WAL_PAGES = 50_000;
const CHECKPOINT_EVERY_MS = 100;

const pragma = async (rm: ReadModelDatabase, name: string): Promise<number> => {
  const { rows } = await sql.raw<Record<string, number>>(`pragma ${name}`).execute(rm.db);
  return Number(Object.values(rows[0])[0]);
};

const setPragma = (rm: ReadModelDatabase, name: string, value: number) =>
  sql.raw(`pragma ${name} = ${value}`).execute(rm.db);

/**
 * Runs `work` (a rebuild) with settings for bulk writes. On SQLite the WAL is checkpointed by a
 * background thread instead of inside the writer's commits: a checkpoint copies the WAL into the
 * file and fsyncs both, which at 1M events was a third of the writer's time, spent blocked on the
 * disk. Nothing about durability changes: the same checkpoints with the same fsyncs, only on
 * another thread. A kill -9 mid-checkpoint is safe (SQLite redoes it from the WAL). PostgreSQL: as is.
 */
export const withBulkWrites = async <T>(rm: ReadModelDatabase, work: () => Promise<T>): Promise<T> => {
  if (!rm.sqlite) return work();
  const before = {
    cache: await pragma(rm, 'cache_size'),
    autocheckpoint: await pragma(rm, 'wal_autocheckpoint'),
  };
  await setPragma(rm, 'cache_size', -BULK_CACHE_KIB);
  await setPragma(rm, 'wal_autocheckpoint', BACKSTOP_WAL_PAGES);
  const checkpointer = startCheckpointer(rm.sqlite.path, { everyMs: CHECKPOINT_EVERY_MS });
  try {
    return await work();
  } finally {
    await checkpointer.stop();
    await setPragma(rm, 'wal_autocheckpoint', before.autocheckpoint);
    await setPragma(rm, 'cache_size', before.cache);
    // Leaves the WAL file small again (it grew by up to the backstop); on readers, it gives up after busy_timeout.
    await sql.raw('pragma wal_checkpoint(TRUNCATE)').execute(rm.db);
  }
};
