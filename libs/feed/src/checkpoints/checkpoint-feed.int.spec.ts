import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteCheckpointStore } from '../checkpoint/sqlite-checkpoint-store';
import { HEADERS } from '../headers';
import { describeKafka, eventually, readTopic, uniquePrefix } from '../testing/kafka';
import { tempDataDir } from '../testing/workload';
import { startCheckpointFeed, type CheckpointFeed } from './checkpoint-feed';

const note = (treeSize: number) =>
  `ledger.example/log\n${treeSize}\nroot${treeSize}=\n\n\u2014 ledger.example/log c2lnbmF0dXJl${treeSize}\n`;

describeKafka('checkpoint feed against a real broker', (kafka) => {
  let dir: string;
  let progress: SqliteCheckpointStore;
  let feed: CheckpointFeed | undefined;
  beforeEach(() => {
    dir = tempDataDir();
    progress = new SqliteCheckpointStore(join(dir, 'feed.sqlite'));
  });
  afterEach(async () => {
    await feed?.stop();
    await progress.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every signed checkpoint once, in tree-size order, and resumes after the last acknowledged', async () => {
    // Given a store of signed checkpoints that grows while the feed runs
    const signed: { treeSize: number; note: string }[] = [1, 5, 9].map((n) => ({
      treeSize: n,
      note: note(n),
    }));
    const source = {
      after: (size: number, limit: number) => signed.filter((c) => c.treeSize > size).slice(0, limit),
    };
    const topicPrefix = uniquePrefix('checkpoints');
    feed = startCheckpointFeed({
      brokers: kafka.brokers(),
      source,
      progress,
      topicPrefix,
      pollIntervalMs: 50,
    });
    await eventually(
      'three checkpoints on the topic',
      async () => (await readTopic(kafka.brokers(), feed!.topic)).length === 3,
    );
    // When the feed restarts and one more checkpoint is signed
    await feed.stop();
    signed.push({ treeSize: 12, note: note(12) });
    feed = startCheckpointFeed({
      brokers: kafka.brokers(),
      source,
      progress,
      topicPrefix,
      pollIntervalMs: 50,
    });
    await eventually(
      'the fourth checkpoint',
      async () => (await readTopic(kafka.brokers(), feed!.topic)).length >= 4,
    );
    // Then the topic holds each note once, byte for byte, keyed by origin, in order
    const messages = await readTopic(kafka.brokers(), feed.topic);
    expect(feed.topic).toBe(`${topicPrefix}credence.checkpoints.v1`);
    expect(messages.map((m) => m.value)).toEqual(signed.map((c) => c.note));
    expect(messages.map((m) => [m.key, m.headers[HEADERS.treeSize], m.headers[HEADERS.recordType]])).toEqual(
      signed.map((c) => ['ledger.example/log', String(c.treeSize), 'checkpoint']),
    );
  });
});
