import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issuerAccredited, issuerRegistered } from '@credence/domain/test-fixtures';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { metadataFor } from '@credence/event-store/testing';
import { ReadModelDatabase, rebuildProjections } from '@credence/projections';
import { issuer } from './catalogue/related';
import { Ledger, RulesGate } from './ledger';

class NoRules extends RulesGate {
  check = async <C>(command: C) => command;
}

/**
 * An IssuerAccredited written in schema v1, before QA bodies were principals: no qaBodyId at all.
 * Appended with its stored version as an old deployment did; read with today's code.
 */
describe('an IssuerAccredited stored in schema v1', () => {
  let dir: string;
  let store: SqliteEventStore;
  const { qaBodyId: _absent, ...v1 } = issuerAccredited().data;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credence-upcast-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const metadata = metadataFor('old-deployment');
    await store.append('issuer-uni-1', [
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'IssuerRegistered',
        schemaVersion: 1,
        data: issuerRegistered().data,
        metadata,
      },
      {
        eventId: '00000000-0000-4000-8000-000000000002',
        type: 'IssuerAccredited',
        schemaVersion: 1,
        data: v1,
        metadata,
      },
    ]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is stored as written: v1, without qaBodyId', async () => {
    const [, stored] = await store.readStream('issuer-uni-1');
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('qaBodyId');
  });

  it('when Ledger.load folds it, then the accreditation is upcast to v2: qaBodyId null', async () => {
    const { state } = await new Ledger(store, new NoRules()).load(issuer('uni-1').folding, 'issuer-uni-1');
    const { issuerId: _issuerId, ...terms } = v1;
    expect(state.status === 'registered' && state.accreditations).toEqual([
      { ...terms, qaBodyId: null, status: 'active' },
    ]);
  });

  it('when the projections rebuild over it, then the issuers read model holds the upcast accreditation', async () => {
    const rm = await ReadModelDatabase.open({ databaseUrl: undefined, dataDir: dir });
    try {
      await rebuildProjections(store, rm);
      const row = await rm.any
        .selectFrom('issuers')
        .select('doc')
        .where('id', '=', 'uni-1')
        .executeTakeFirstOrThrow();
      const [accreditation] = JSON.parse(String(row.doc)).accreditations;
      expect(accreditation).toMatchObject({
        accreditationId: v1.accreditationId,
        qaBodyId: null,
        qaBody: v1.qaBody,
        status: 'active',
      });
    } finally {
      await rm.close();
    }
  });
});
