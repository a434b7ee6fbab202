import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { describeEachReadModelStore } from '../testing/read-model-targets';
import { ReadModelDatabase } from './database';
import { readModelMigrations } from './migrations';
import { migrateTableSet } from './table-set';

describeEachReadModelStore('Read-model migrations 0002 and 0003 (backfilled columns)', (target) => {
  let dataDir: string;
  let rm: ReadModelDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'credence-migrations-'));
    rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir });
  });
  afterAll(async () => {
    await rm.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given credentials stored before it, when the set is upgraded, then each row gets the accreditation or supervision its document names', async () => {
    const migrations = readModelMigrations('', 'test', rm.dialect);
    const only0001 = new Migrator({
      db: rm.db,
      provider: { getMigrations: async () => ({ '0001-read-models': migrations['0001-read-models'] }) },
      migrationTableSchema: rm.schema,
    });
    expect((await only0001.migrateToLatest()).error).toBeUndefined();
    const credential = (id: string, accreditation: object | null) => ({
      id,
      doc: JSON.stringify({ credentialId: id, accreditation }),
      issuer_id: 'uni-1',
    });
    await rm.any
      .insertInto('credentials')
      .values([credential('c-1', { accreditationId: 'acc-1', qaBody: 'NVAO' }), credential('c-2', null)])
      .execute();
    await rm.any
      .insertInto('specifications')
      .values({
        id: 's-1',
        doc: JSON.stringify({ supervisionAndIdentityVerification: 'unsupervised' }),
        retired: 0,
      })
      .execute();

    await migrateTableSet(rm);

    const rows = await rm.db
      .selectFrom('credentials')
      .select(['id', 'accreditation_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'c-1', accreditation_id: 'acc-1' },
      { id: 'c-2', accreditation_id: null },
    ]);
    expect(
      await rm.db
        .selectFrom('specifications')
        .select(['id', 'supervision_and_identity_verification'])
        .execute(),
    ).toEqual([{ id: 's-1', supervision_and_identity_verification: 'unsupervised' }]);
  });
});
