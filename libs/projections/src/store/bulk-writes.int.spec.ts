import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { withBulkWrites } from './bulk-writes';
import { ReadModelDatabase, sqliteReadModelsPath } from './database';

describe('withBulkWrites on the embedded read-model file', () => {
  let dataDir: string;
  let rm: ReadModelDatabase;
  const pragma = async (name: string) =>
    Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(rm.db)).rows[0])[0];
  const fill = async (rows: number) => {
    await sql`create table if not exists filler (n integer, text text)`.execute(rm.db);
    await rm.any.transaction().execute(async (trx) => {
      for (let n = 0; n < rows; n += 100) {
        await trx
          .insertInto('filler')
          .values(Array.from({ length: 100 }, (_, i) => ({ n: n + i, text: 'x'.repeat(500) })))
          .execute();
      }
    });
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-bulk-'));
    rm = await ReadModelDatabase.open({ dataDir });
  });
  afterEach(async () => {
    await rm.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns what the work returns, restores the connection settings and leaves the WAL checkpointed and empty', async () => {
    const before = [await pragma('cache_size'), await pragma('wal_autocheckpoint')];
    const result = await withBulkWrites(rm, async () => {
      expect(await pragma('cache_size')).not.toBe(before[0]);
      await fill(5_000);
      return 'done';
    });
    expect(result).toBe('done');
    expect([await pragma('cache_size'), await pragma('wal_autocheckpoint')]).toEqual(before);
    expect(statSync(`${sqliteReadModelsPath(dataDir)}-wal`).size).toBe(0);
    expect(
      (await sql<{ rows: number }>`select count(*) as rows from filler`.execute(rm.db)).rows[0].rows,
    ).toBe(5_000);
  });

  it('rethrows a failure of the work after stopping the checkpointer and restoring the settings', async () => {
    const before = await pragma('wal_autocheckpoint');
    await expect(withBulkWrites(rm, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pragma('wal_autocheckpoint')).toBe(before);
  });
});
