import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { RecordedEvent } from '@credence/event-store';
import { SqliteCheckpointStore } from '../checkpoint/sqlite-checkpoint-store';
import { metadata, toNew } from '../testing/events';
import { describeKafka, readTopic, uniquePrefix } from '../testing/kafka';
import { appendWorkload, openDataDirStore, tempDataDir } from '../testing/workload';
import { feedTopics } from '../topics';
import { checkpointName, RelayRejectedError, startRelay } from './relay';

describeKafka('feed relay when Kafka refuses an event for good', (kafka) => {
  it('stops at that event with a clear error, having published everything before it and nothing after', async () => {
    const dir = tempDataDir();
    const store = openDataDirStore(dir);
    const checkpoints = new SqliteCheckpointStore(join(dir, 'feed.sqlite'));
    const topicPrefix = uniquePrefix('reject');
    const topics = feedTopics(topicPrefix);
    // An operator's topic limit the relay must respect, not work around.
    const admin = new Kafka({ brokers: kafka.brokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic: topics.ledger,
          numPartitions: 1,
          configEntries: [{ name: 'max.message.bytes', value: '65536' }],
        },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();

    await appendWorkload(store, 20, 'x');
    const data = { issuerId: 'huge', legalName: 'x'.repeat(100_000), country: 'NL', registrationId: 'r' };
    const [huge] = (
      await store.append('issuer-huge', [toNew({ type: 'IssuerRegistered', data }, metadata())])
    ).events;
    await appendWorkload(store, 5, 'y');

    const relay = startRelay({
      store,
      checkpoints,
      brokers: kafka.brokers(),
      topicPrefix,
      batchSize: 16,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const error = await relay.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RelayRejectedError);
    expect((error as RelayRejectedError).message).toContain(`Kafka rejected event ${huge.eventId}`);
    expect((error as RelayRejectedError).reason).toBe('MESSAGE_TOO_LARGE');
    expect(relay.health()).toMatchObject({
      state: 'failed',
      failure: { eventId: huge.eventId, globalPosition: huge.globalPosition },
    });

    const before = (await store.readAll()).filter(
      (e) => Number(e.globalPosition) < Number(huge.globalPosition),
    );
    expect(await checkpoints.load(checkpointName(topics))).toBe(before[before.length - 1].globalPosition);
    const published = new Set(
      (await readTopic(kafka.brokers(), topics.ledger)).map(
        (m) => (JSON.parse(m.value!) as RecordedEvent).eventId,
      ),
    );
    expect([...published].sort()).toEqual(before.map((e) => e.eventId).sort());
    await store.close();
    await checkpoints.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
