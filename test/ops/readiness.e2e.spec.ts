import { join } from 'node:path';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { Projector, PROJECTIONS, ReadModelDatabase } from '@credence/projections';
import { eventually } from '@credence/feed/testing/kafka';
import { accreditedIssuer } from '../support/fixtures';
import { freePort } from '@credence/feed/testing/relay-process';
import { ADMIN_TOKEN, startLedger, type TestLedger } from '../support/ledger-app';
import { parseScrape, samples } from '../support/prometheus';

describe('/health/live and /health/ready with a lagging projector', () => {
  let ledger: TestLedger;
  // CREDENCE_PROJECTOR=off and no projector running: the read models fall behind with every write.
  beforeAll(
    async () => (ledger = await startLedger({ CREDENCE_PROJECTOR: 'off', CREDENCE_READY_MAX_LAG: '3' })),
  );
  afterAll(() => ledger.close());

  it('is live throughout, not ready while a projection lags too far, ready again once it caught up', async () => {
    // Given a fresh ledger (two events: the default ruleset, the bootstrap admin's PrincipalCreated),
    // within the allowed lag,
    const fresh = await ledger.request('GET', '/health/ready');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual(expect.objectContaining({ status: 'ok', error: {} }));
    expect(fresh.body.details.eventStore).toEqual({ status: 'up', head: '2' });

    // When writes put the projections more than 3 events behind,
    await accreditedIssuer(ledger);
    await ledger.request('POST', '/v1/issuers', {
      token: (await accreditedIssuer(ledger)).qaToken,
      body: { legalName: 'X', country: 'NL', registrationId: 'R-2' },
    });
    const lagging = await ledger.request('GET', '/health/ready');
    // then it is not ready, and says which component and why,
    expect(lagging.status).toBe(503);
    expect(lagging.body.status).toBe('error');
    expect(Object.keys(lagging.body.error)).toEqual(['projections']);
    expect(lagging.body.error.projections).toEqual(
      expect.objectContaining({ status: 'down', maxLag: 3, projector: 'external' }),
    );
    expect(lagging.body.error.projections.behind).toHaveLength(PROJECTIONS.length);
    expect(lagging.body.info.eventStore.status).toBe('up');
    // while it stays live, and /health keeps its old answer.
    expect((await ledger.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
    expect((await ledger.request('GET', '/health')).body.status).toBe('ok');

    // When a projector catches up, it is ready again.
    const store = SqliteEventStore.open({ path: join(ledger.dataDir, 'events.sqlite') });
    const rm = await ReadModelDatabase.open({ dataDir: ledger.dataDir });
    const projector = new Projector(store, rm, PROJECTIONS);
    try {
      await projector.start();
      await eventually(
        'ready again',
        async () => (await ledger.request('GET', '/health/ready')).status === 200,
        20_000,
      );
    } finally {
      await projector.stop();
      await rm.close();
      await store.close();
    }
  });
});

describe('/health/ready and the relay metrics with Kafka unreachable', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    // A port nothing listens on: the embedded relay keeps retrying.
    const closedPort = await freePort();
    ledger = await startLedger({
      KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
      KAFKA_TOPIC_PREFIX: 'test.unreachable.',
    });
  });
  afterAll(() => ledger.close());

  it('is not ready while the relay cannot reach Kafka, and counts the Kafka errors', async () => {
    await eventually(
      'the relay to report Kafka down',
      async () => (await ledger.request('GET', '/health/ready')).body.error?.feed?.state === 'retrying',
    );
    const ready = await ledger.request('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(Object.keys(ready.body.error)).toEqual(['feed']);
    expect(ready.body.info.projections.status).toBe('up');

    const families = parseScrape(
      (await ledger.request('GET', '/metrics', { token: ADMIN_TOKEN })).body as string,
    );
    expect(Number(samples(families, 'credence_feed_kafka_errors_total')[0]?.value)).toBeGreaterThanOrEqual(1);
    expect(samples(families, 'credence_feed_relay_up').map((m) => Number(m.value))).toEqual([0]);
    // Nothing published yet: the relay is behind by the whole log (the default ruleset, the bootstrap admin).
    expect(samples(families, 'credence_feed_relay_lag_events').map((m) => Number(m.value))).toEqual([2]);
  });
});
