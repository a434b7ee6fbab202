import Database from 'better-sqlite3';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { newEvents } from '@credence/event-store/testing';
import { referenceRootOfHashes } from '../testing/reference-root';
import { rootHash } from '../tree/proofs';
import { followIntoTree, ProjectedLogTree } from './projected-log';

/**
 * The EventStoreDB tree is a projection over the EventStore port, so it is exercised here without
 * a server: an in-memory embedded store plays the source, through the same subscribe() contract.
 */
describe('The projected tree (the EventStoreDB path)', () => {
  it('follows the global log into a tree with the RFC root, and resumes from its own checkpoint', async () => {
    // Given a source log and a projection that follows it
    const source = SqliteEventStore.open({ path: ':memory:', pollIntervalMs: 10 });
    for (let i = 0; i < 30; i++) await source.append(`s-${i % 7}`, newEvents(1 + (i % 4)));
    const db = new Database(':memory:');
    const tree = new ProjectedLogTree(db);
    const first = followIntoTree(source, tree, 16);
    const log = await source.readAll();
    await waitFor(() => tree.size() === log.length);
    await first.stop();
    // When more events arrive while it is stopped, and it restarts from its checkpoint
    for (let i = 0; i < 10; i++) await source.append(`t-${i}`, newEvents(2));
    const again = followIntoTree(source, tree, 16);
    const all = await source.readAll();
    await waitFor(() => tree.size() === all.length);
    await again.stop();
    // Then every event is a leaf once, in log order, under the RFC root
    expect(rootHash(tree, tree.size())).toEqual(referenceRootOfHashes(all.map((e) => e.hash)));
    expect(tree.leafIndexes(all.map((e) => e.globalPosition))).toEqual(all.map((_, i) => i));
    expect(tree.position()).toBe(all[all.length - 1].globalPosition);
    await source.close();
  });

  it('ignores a redelivered batch', async () => {
    const source = SqliteEventStore.open({ path: ':memory:' });
    await source.append('a', newEvents(5));
    const events = await source.readAll();
    const tree = new ProjectedLogTree(new Database(':memory:'));
    tree.apply(events);
    tree.apply(events.slice(2));
    expect(tree.size()).toBe(5);
    expect(tree.leafIndexes(['999'])).toEqual([null]);
    await source.close();
  });
});

const waitFor = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((wake) => setTimeout(wake, 10));
  expect(condition()).toBe(true);
};
