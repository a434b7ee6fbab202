import { join } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { Projector, PROJECTIONS, ReadModelDatabase } from '@credence/projections';
import { describeEachReadModelStore } from '@credence/projections/testing/read-model-targets';
import { accreditedIssuer, expectCreated, specificationBody } from '../support/fixtures';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { withQuery } from './support/http';
import { supervised } from './support/seed';

/** CREDENCE_PROJECTOR=off: the API serves the read models, a separate projector (as apps/projector) fills them. */
describeEachReadModelStore('Read models with a separate projector', (target) => {
  let ledger: TestLedger;

  beforeAll(async () => {
    const url = target.databaseUrl();
    ledger = await startLedger({ CREDENCE_PROJECTOR: 'off', ...(url ? { DATABASE_URL: url } : {}) });
  });
  afterAll(() => ledger?.close());

  it('reports the lag, answers projection.behind, and serves the write once the projector has caught up', async () => {
    const world = await accreditedIssuer(ledger);
    const created = await ledger.request('POST', '/v1/specifications', {
      token: world.issuerToken,
      body: { ...specificationBody, ...supervised },
    });
    const id = expectCreated(created);
    const position = created.headers.get('credence-position')!;

    const before = await ledger.request('GET', '/v1/projections', { token: ADMIN_TOKEN });
    expect(before.body.projector).toEqual({ mode: 'off', state: 'external', lastError: null });
    expect(before.body.projections.every((p: { lag: number }) => p.lag === Number(before.body.head))).toBe(
      true,
    );
    const comparison = (waitMs: number) =>
      withQuery(`/v1/register/comparison?ids=${id}`, { waitFor: position, waitMs });
    const behind = await ledger.request('GET', comparison(100), { token: world.auditorToken });
    expect(behind.status).toBe(503);
    expect(behind.body.code).toBe('projection.behind');

    const store = SqliteEventStore.open({ path: join(ledger.dataDir, 'events.sqlite') });
    const rm = await ReadModelDatabase.open({ databaseUrl: target.databaseUrl(), dataDir: ledger.dataDir });
    const projector = new Projector(store, rm, PROJECTIONS);
    try {
      await projector.start();
      const served = await ledger.request('GET', comparison(10_000), { token: world.auditorToken });
      expect(served.status).toBe(200);
      expect(served.body.items).toEqual([
        expect.objectContaining({ specificationId: id, issuerId: world.issuerId }),
      ]);
      const after = await ledger.request('GET', '/v1/projections', { token: world.auditorToken });
      expect(after.body.projections.map((p: { lag: number }) => p.lag)).toEqual(PROJECTIONS.map(() => 0));
    } finally {
      await projector.stop();
      await rm.close();
      await store.close();
    }
  });

  it('documents read-your-writes and the CSV exports in OpenAPI', async () => {
    const docs = await ledger.request('GET', '/docs-json');
    const route = docs.body.paths['/v1/register/specifications'].get;
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['waitFor', 'waitMs', 'cursor', 'limit', 'eqfLevel', 'minEcts', 'sort']),
    );
    expect(route.parameters.find((p: { name: string }) => p.name === 'waitFor').description).toContain(
      'Credence-Position',
    );
    expect(Object.keys(route.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(route.responses['503']).toBeDefined();
    for (const path of [
      '/v1/issuers/{id}/compliance',
      '/v1/register/comparison',
      '/v1/learners/{learnerId}/record',
      '/v1/credentials/{id}/status',
      '/v1/stacked-credentials/{id}/status',
      '/v1/projections',
    ]) {
      expect(docs.body.paths[path]?.get).toBeDefined();
    }
  });
});
