import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { RecordedEvent } from '@credence/event-store';
import type { SqliteEventStore } from '@credence/event-store/sqlite';
import { SqliteCheckpointStore } from '../checkpoint/sqlite-checkpoint-store';
import type { CredentialStatusRecord } from '../credential-status';
import { describeKafka, eventually, readTopic, uniquePrefix } from '../testing/kafka';
import { appendWorkload, openDataDirStore, tempDataDir } from '../testing/workload';
import { startRelay, type Relay } from './relay';

describeKafka('feed relay against a real broker', (kafka) => {
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;
  let relay: Relay | undefined;
  let dir: string;

  beforeEach(() => {
    dir = tempDataDir();
    store = openDataDirStore(dir);
    checkpoints = new SqliteCheckpointStore(join(dir, 'feed.sqlite'));
  });

  afterEach(async () => {
    await relay?.stop();
    await store.close();
    await checkpoints.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every event once, per stream in order, with the documented headers; the status topic ends on the latest status', async () => {
    const before = await appendWorkload(store, 60, 'a');
    relay = startRelay({
      store,
      checkpoints,
      brokers: kafka.brokers(),
      topicPrefix: uniquePrefix('relay'),
      batchSize: 16,
      layout: { partitions: 3, replicationFactor: 1 },
    });
    const after = await appendWorkload(store, 40, 'b');
    const head = await store.headPosition();
    await eventually('the relay to reach the head of the log', () => relay!.health().checkpoint === head);

    const stored = await store.readAll();
    expect(stored).toHaveLength(before.appended + after.appended);
    const messages = await readTopic(kafka.brokers(), relay.topics.ledger);
    const values = messages.map((m) => JSON.parse(m.value!) as RecordedEvent);
    expect(values.map((e) => e.eventId).sort()).toEqual(stored.map((e) => e.eventId).sort());

    const byStream = new Map<string, number[]>();
    for (const e of values) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.streamVersion]);
    for (const versions of byStream.values()) expect(versions).toEqual(versions.map((_, i) => i));

    for (const [i, m] of messages.entries()) {
      const e = values[i];
      expect(m.key).toBe(e.streamId);
      expect(m.headers).toMatchObject({
        'record-type': 'ledger-event',
        'event-id': e.eventId,
        'event-type': e.type,
        'schema-version': String(e.schemaVersion),
        'global-position': e.globalPosition,
        'stream-version': String(e.streamVersion),
        hash: e.hash,
      });
      expect(m.headers['prev-hash']).toBe(e.prevHash ?? undefined);
      expect(m.headers['ruleset-id']).toBe(e.metadata.ruleset?.id);
      expect(m.headers['ruleset-hash']).toBe(e.metadata.ruleset?.hash);
    }

    const latest = new Map<string, CredentialStatusRecord>();
    for (const m of await readTopic(kafka.brokers(), relay.topics.credentialStatus))
      latest.set(m.key!, JSON.parse(m.value!));
    const expected = new Map([...before.expectedStatus, ...after.expectedStatus]);
    expect(new Map([...latest].map(([id, r]) => [id, r.status]))).toEqual(expected);
    expect(latest.get('a-1')).toMatchObject({ reason: 'under-investigation', issuerId: 'uni-1' });
    expect(latest.get('a-1')).not.toHaveProperty('validUntil');
    expect(latest.get('a-2')).toMatchObject({
      status: 'active',
      validUntil: '2030-01-01T00:00:00.000Z',
      streamVersion: 2,
    });
  });

  it('creates the status topic compacted and the ledger topic with the configured partitions', async () => {
    relay = startRelay({
      store,
      checkpoints,
      brokers: kafka.brokers(),
      topicPrefix: uniquePrefix('topics'),
      layout: { partitions: 2, replicationFactor: 1 },
    });
    await eventually('the relay to connect', () => relay!.health().state === 'up');
    const admin = new Kafka({ brokers: kafka.brokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [relay.topics.ledger] });
      expect(topics[0].partitions).toHaveLength(2);
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: relay.topics.credentialStatus, configNames: ['cleanup.policy'] }],
      });
      expect(resources[0].configEntries[0].configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  it('resumes from its checkpoint after a restart without re-sending acknowledged batches', async () => {
    const prefix = uniquePrefix('resume');
    await appendWorkload(store, 20, 'r');
    relay = startRelay({ store, checkpoints, brokers: kafka.brokers(), topicPrefix: prefix, batchSize: 10 });
    let head = await store.headPosition();
    await eventually('the first run to catch up', () => relay!.health().checkpoint === head);
    await relay.stop();
    await appendWorkload(store, 20, 's');
    head = await store.headPosition();
    relay = startRelay({ store, checkpoints, brokers: kafka.brokers(), topicPrefix: prefix, batchSize: 10 });
    await eventually('the second run to catch up', () => relay!.health().checkpoint === head);
    const ids = (await readTopic(kafka.brokers(), relay.topics.ledger)).map((m) => m.headers['event-id']);
    expect(ids).toHaveLength((await store.readAll()).length);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
