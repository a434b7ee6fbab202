import { createHash, randomBytes } from 'node:crypto';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { sqliteEventsPath } from '@credence/event-store';
import { newEvents, tempDir } from '@credence/event-store/testing';
import { describeKafka, eventually, readTopic, uniquePrefix } from '@credence/feed/testing/kafka';
import { spawnRelay } from '@credence/feed/testing/relay-process';
import { CheckpointStore, formatCheckpoint, signerFromSeed } from '@credence/transparency';

const dir = tempDir('relay-checkpoints');
afterAll(() => dir.remove());

describeKafka('apps/feed-relay publishes the signed checkpoints ledger-api wrote', (kafka) => {
  it('sends every checkpoint of <dataDir>/transparency.sqlite to credence.checkpoints.v1', async () => {
    // Given a data dir with a log and two signed checkpoints, as ledger-api leaves them
    const dataDir = `${dir.path}/ledger`;
    const store = SqliteEventStore.open({ path: sqliteEventsPath(dataDir) });
    await store.append('s', newEvents(3));
    await store.close();
    const signer = signerFromSeed('ledger.example/log', randomBytes(32));
    const checkpoints = CheckpointStore.open(dataDir);
    const notes = [2, 3].map((treeSize) => {
      const rootHash = createHash('sha256').update(`root ${treeSize}`).digest();
      const note = signer.sign(formatCheckpoint({ origin: signer.name, treeSize, rootHash }));
      checkpoints.save({ treeSize, rootHash, note });
      return note;
    });
    checkpoints.close();
    // When the standalone relay runs on it
    const topicPrefix = uniquePrefix('relay-checkpoints');
    const relay = await spawnRelay({ dataDir, brokers: kafka.brokers(), topicPrefix, batchSize: 10 });
    try {
      const topic = `${topicPrefix}credence.checkpoints.v1`;
      const read = () => readTopic(kafka.brokers(), topic).catch(() => []);
      await eventually('both checkpoints on the topic', async () => (await read()).length >= 2);
      // Then the notes arrive byte for byte, in tree-size order
      expect((await read()).map((m) => m.value)).toEqual(notes);
    } finally {
      relay.child.kill('SIGTERM');
      await relay.exited;
    }
  });
});
