import Database from 'better-sqlite3';
import { type RecordedEvent } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { newEvents, tempDir } from '@credence/event-store/testing';
import { referenceRootOfHashes } from '../testing/reference-root';
import { rootHash } from '../tree/proofs';
import {
  buildEmbeddedTree,
  EMBEDDED_TREE_HOOK,
  EmbeddedLogTree,
  embeddedTreeHook,
  embeddedTreeIsBehind,
} from './embedded-log';

const dir = tempDir('tlog-embedded');
afterAll(() => dir.remove());

const treeOfFile = (path: string) => new EmbeddedLogTree(new Database(path, { readonly: false }));

const appendConcurrently = (store: SqliteEventStore, writers: number, label: string) =>
  Promise.all(
    Array.from({ length: writers }, (_, i) => store.append(`${label}-${i}`, newEvents(1 + (i % 3)))),
  );

describe('The embedded store keeps the tree in its append transaction', () => {
  it('holds every appended event as a leaf at position - 1, with the RFC root, under 64 concurrent writers', async () => {
    // Given a store opened with the tree hook
    const path = dir.nextFile('hooked');
    const store = SqliteEventStore.open({ path, commitHook: embeddedTreeHook() });
    // When 64 writers append at once, twice
    await appendConcurrently(store, 64, 'a');
    await appendConcurrently(store, 64, 'b');
    const log: RecordedEvent[] = await store.readAll();
    await store.close();
    // Then the tree has every event, in log order, and its root is the RFC's over the event hashes
    const tree = treeOfFile(path);
    expect(tree.size()).toBe(log.length);
    expect(rootHash(tree, log.length)).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
    expect(tree.leafIndexes(log.map((e) => e.globalPosition))).toEqual(log.map((_, i) => i));
    expect(tree.eventHashAt(log.length - 1)).toBe(log[log.length - 1].hash);
    tree.close();
  });

  it('given a writer thread that builds its own hook from the module, then a reader on this thread sees every commit in the tree', async () => {
    // Given a store whose appends a worker thread writes, and a reader of the tree here (caching tiles)
    const path = dir.nextFile('thread');
    const store = SqliteEventStore.open({ path, commitHook: EMBEDDED_TREE_HOOK, writerThread: true });
    await appendConcurrently(store, 1, 'first'); // creates the tree's table, which a reader cannot
    const reader = new EmbeddedLogTree(new Database(path, { readonly: true }));
    try {
      for (const round of ['a', 'b', 'c']) {
        // When writers append concurrently
        await appendConcurrently(store, 32, round);
        // Then, once they are answered, the reader's tree holds every event with the RFC root
        const log = await store.readAll();
        expect(reader.size()).toBe(log.length);
        expect(rootHash(reader, log.length)).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
      }
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('builds the tree of a log written before this version, and keeps it current afterwards', async () => {
    // Given a log written without the tree
    const path = dir.nextFile('upgrade');
    const old = SqliteEventStore.open({ path });
    for (let i = 0; i < 5; i++) await appendConcurrently(old, 20, `old${i}`);
    await old.close();
    // When the tree is built in small chunks, and the upgraded store appends more
    const db = new Database(path);
    expect(buildEmbeddedTree(db, 37)).toBeGreaterThan(100);
    db.close();
    const store = SqliteEventStore.open({ path, commitHook: embeddedTreeHook() });
    await appendConcurrently(store, 10, 'new');
    const log = await store.readAll();
    await store.close();
    // Then the tree covers old and new events with the RFC root
    const tree = treeOfFile(path);
    expect(rootHash(tree, tree.size())).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
    tree.close();
  });

  it('tells, reading only, whether the log holds events its tree does not', async () => {
    // Given an empty log, and a log written without the tree
    const empty = dir.nextFile('empty');
    await SqliteEventStore.open({ path: empty }).close();
    const path = dir.nextFile('behind');
    const old = SqliteEventStore.open({ path });
    await appendConcurrently(old, 20, 'old');
    await old.close();
    const behind = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return embeddedTreeIsBehind(db);
      } finally {
        db.close();
      }
    };
    // Then the empty log's tree is not behind, the old log's is, until its tree is built
    expect(behind(empty)).toBe(false);
    expect(behind(path)).toBe(true);
    const db = new Database(path);
    buildEmbeddedTree(db, 7);
    db.close();
    expect(behind(path)).toBe(false);
    // And a log appended past its tree (without the hook) is behind again
    const more = SqliteEventStore.open({ path });
    await more.append('one-more', newEvents(1));
    await more.close();
    expect(behind(path)).toBe(true);
  });

  it('fails the appends of a transaction whose tree update fails: log and tree never diverge', async () => {
    // Given a hook that fails on its second transaction
    const path = dir.nextFile('failing');
    const hook = embeddedTreeHook();
    let calls = 0;
    const store = SqliteEventStore.open({
      path,
      commitHook: (db) => {
        hook(db);
        if ((calls += 1) === 2) throw new Error('disk trouble in the tree');
      },
    });
    await store.append('kept', newEvents(2));
    // When the next append's tree update throws
    await expect(store.append('lost', newEvents(3))).rejects.toThrow();
    await store.append('later', newEvents(1));
    const log = await store.readAll();
    await store.close();
    // Then its events are not in the log, and the tree equals the log
    expect(log.map((e) => e.streamId)).toEqual(['kept', 'kept', 'later']);
    const tree = treeOfFile(path);
    expect(rootHash(tree, tree.size())).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
    expect(tree.size()).toBe(3);
    tree.close();
  });
});
