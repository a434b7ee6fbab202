import { rmSync } from 'node:fs';
import type { RecordedEvent } from '@credence/event-store';
import { describeKafka, eventually, readTopic, uniquePrefix } from '../testing/kafka';
import { readCheckpoint, spawnRelay } from '../testing/relay-process';
import { appendWorkload, openDataDirStore, tempDataDir } from '../testing/workload';
import { feedTopics } from '../topics';

/** First occurrence of each event id, plus every later copy. */
const dedupe = (events: readonly RecordedEvent[]) => {
  const view = new Map<string, RecordedEvent>();
  const copies: RecordedEvent[] = [];
  for (const e of events) {
    if (view.has(e.eventId)) copies.push(e);
    else view.set(e.eventId, e);
  }
  return { view: [...view.values()], copies };
};

const perStream = (events: readonly RecordedEvent[]) => {
  const streams = new Map<string, string[]>();
  for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e.eventId]);
  return streams;
};

describeKafka('feed relay killed with SIGKILL mid-run', (kafka) => {
  it('after a restart, the deduplicated feed equals the store; copies come only from the unacknowledged batch', async () => {
    const dataDir = tempDataDir();
    const store = openDataDirStore(dataDir);
    const { appended } = await appendWorkload(store, 5_000, 'k');
    const stored = await store.readAll();
    const head = Number(await store.headPosition());
    await store.close();
    expect(appended).toBeGreaterThanOrEqual(10_000);
    expect(stored).toHaveLength(appended);

    const topicPrefix = uniquePrefix('crash');
    const batchSize = 200;
    const options = { dataDir, brokers: kafka.brokers(), topicPrefix, batchSize };
    const first = await spawnRelay(options);
    await eventually(
      'the first relay to publish 2000 events',
      async () => Number(await readCheckpoint(dataDir, topicPrefix)) >= 2_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = Number(await readCheckpoint(dataDir, topicPrefix));
    expect(atKill).toBeLessThan(head);

    const second = await spawnRelay(options);
    await eventually(
      'the restarted relay to reach the head',
      async () => Number(await readCheckpoint(dataDir, topicPrefix)) === head,
      120_000,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const published = (await readTopic(kafka.brokers(), feedTopics(topicPrefix).ledger)).map(
      (m) => JSON.parse(m.value!) as RecordedEvent,
    );
    const { view, copies } = dedupe(published);
    expect(view.map((e) => e.eventId).sort()).toEqual(stored.map((e) => e.eventId).sort());
    expect(perStream(view)).toEqual(perStream(stored));
    for (const copy of copies) {
      expect(Number(copy.globalPosition)).toBeGreaterThan(atKill);
      expect(Number(copy.globalPosition)).toBeLessThanOrEqual(atKill + batchSize);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
});
