import Database from 'better-sqlite3';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { tempDir } from '@credence/event-store/testing';
import { runAndKill } from '../../../../test/support/run-crash-writer';
import { referenceRootOfHashes } from '../testing/reference-root';
import { rootHash } from '../tree/proofs';
import { EmbeddedLogTree } from './embedded-log';

const CYCLES = 8;
const dir = tempDir('tlog-crash');
afterAll(() => dir.remove());

describe.each([
  ['its own connection', []],
  ['a writer thread', ['thread']],
])('The tree after kill -9 during appends written by %s', (_, modes) => {
  it(`still matches the log on restart, ${CYCLES} times: every acknowledged event is a leaf and the root is recomputable`, async () => {
    const path = dir.nextFile('crash');
    const acked = new Map<string, string>();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Given a writer appending with the tree, killed at a varying moment
      const acks = await runAndKill(path, 5 + ((cycle * 41) % 80), 'tree', ...modes);
      for (const ack of acks) ack.eventIds.forEach((id, i) => acked.set(id, ack.positions[i]));
      // When the file is opened again
      const store = SqliteEventStore.open({ path });
      const log = await store.readAll();
      await store.close();
      const tree = new EmbeddedLogTree(new Database(path));
      // Then the tree holds exactly the log, every acknowledged event at leaf position - 1
      expect(tree.size()).toBe(log.length);
      const leafOf = new Map(log.map((e) => [e.eventId, e.hash]));
      const lost = [...acked].filter(
        ([id, position]) => tree.eventHashAt(Number(position) - 1) !== leafOf.get(id),
      );
      expect(lost).toEqual([]);
      expect(rootHash(tree, tree.size())).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
      tree.close();
    }
    expect(acked.size).toBeGreaterThan(CYCLES * 5);
  }, 180_000);
});
