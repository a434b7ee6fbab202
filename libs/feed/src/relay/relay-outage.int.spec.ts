import { rmSync } from 'node:fs';
import type { RecordedEvent } from '@credence/event-store';
import type { SqliteEventStore } from '@credence/event-store/sqlite';
import type { RelayHealth } from './health';
import { describeKafka, eventually, readTopic, uniquePrefix } from '../testing/kafka';
import { startPrivateBroker, type PrivateBroker } from '../testing/private-broker';
import { spawnRelay, type RelayProcess } from '../testing/relay-process';
import { appendWorkload, openDataDirStore, tempDataDir } from '../testing/workload';
import { feedTopics } from '../topics';

describeKafka('feed relay through a broker outage', () => {
  let broker: PrivateBroker;
  let store: SqliteEventStore;
  let relay: RelayProcess | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    broker = await startPrivateBroker();
  }, 180_000);

  afterAll(async () => {
    relay?.child.kill('SIGTERM');
    await relay?.exited;
    await store?.close();
    await broker?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing, keeps each stream in order, and /health shows the outage', async () => {
    dataDir = tempDataDir();
    store = openDataDirStore(dataDir);
    const topicPrefix = uniquePrefix('outage');
    relay = await spawnRelay({ dataDir, brokers: broker.brokers, topicPrefix, batchSize: 100 });
    const seen: RelayHealth[] = [];
    const healthIs = async (check: (h: RelayHealth, status: number) => boolean) => {
      const h = await relay!.health();
      if (h) seen.push(h.body);
      return h !== undefined && check(h.body, h.status);
    };

    await appendWorkload(store, 300, 'before');
    let head = await store.headPosition();
    await eventually('the relay to publish the first events', () => healthIs((h) => h.checkpoint === head));

    await broker.stop();
    // Noticed with no traffic at all (the idle probe), then lived through while events pile up.
    await eventually('/health to report the outage', () =>
      healthIs((h, status) => status === 503 && h.state === 'retrying'),
    );
    await appendWorkload(store, 400, 'during');
    const pending = new Date().toISOString();
    // With events waiting, failures now come from the publish loop (the probe stands aside).
    await eventually('a failed send of the waiting events', () =>
      healthIs((h) => (h.lastError?.at ?? '') > pending),
    );
    await broker.restart();
    head = await store.headPosition();
    await eventually(
      'the relay to catch up after the outage',
      () => healthIs((h, status) => status === 200 && h.checkpoint === head),
      120_000,
    );
    const after = seen[seen.length - 1];
    expect(after.outages).toBeGreaterThanOrEqual(1);
    expect(after.lastError?.message).toBeTruthy();

    const stored = await store.readAll();
    const published = (await readTopic(broker.brokers, feedTopics(topicPrefix).ledger)).map(
      (m) => JSON.parse(m.value!) as RecordedEvent,
    );
    const firstSeen = new Map<string, RecordedEvent>();
    for (const e of published) if (!firstSeen.has(e.eventId)) firstSeen.set(e.eventId, e);
    expect([...firstSeen.keys()].sort()).toEqual(stored.map((e) => e.eventId).sort());
    const versions = new Map<string, number[]>();
    for (const e of firstSeen.values())
      versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.streamVersion]);
    for (const v of versions.values()) expect(v).toEqual(v.map((_, i) => i));
  });
});
