import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteEventsPath } from '@credence/event-store';
import { SqliteEventStore } from '@credence/event-store/sqlite';
import { newEvents, tempDir } from '@credence/event-store/testing';
import { EmbeddedLogTree, rootHash } from '@credence/transparency';
import { referenceRootOfHashes } from '@credence/transparency/testing/reference-root';
import { prebuildEmbeddedTree } from './tree-prebuild';

const dirs = tempDir('tree-prebuild');
afterAll(() => dirs.remove());

describe('The first start builds the embedded log tree in a worker thread', () => {
  it('builds the tree of a log written without one: every event a leaf, with the RFC root', async () => {
    // Given a log written without the tree (a restored backup, a ledger from before the tree)
    const dataDir = join(dirs.path, 'upgrade');
    const store = SqliteEventStore.open({ path: sqliteEventsPath(dataDir) });
    for (let i = 0; i < 30; i++) await store.append(`old-${i}`, newEvents(1 + (i % 3)));
    const log = await store.readAll();
    await store.close();
    // When it is prebuilt in its thread
    const size = await prebuildEmbeddedTree({ eventStore: 'sqlite', dataDir });
    // Then the file's tree holds every event with the root over their hashes
    expect(size).toBe(log.length);
    const tree = new EmbeddedLogTree(new Database(sqliteEventsPath(dataDir), { readonly: true }));
    expect(tree.size()).toBe(log.length);
    expect(rootHash(tree, log.length)).toEqual(referenceRootOfHashes(log.map((e) => e.hash)));
    tree.close();
    // And a second start, its tree complete, has nothing to build
    expect(await prebuildEmbeddedTree({ eventStore: 'sqlite', dataDir })).toBeNull();
  });

  it('leaves a data dir without a log alone: the store creates its file and schema', async () => {
    // Given a fresh data dir
    const dataDir = join(dirs.path, 'fresh');
    // When the start prebuilds
    const size = await prebuildEmbeddedTree({ eventStore: 'sqlite', dataDir });
    // Then nothing was built and no file was created
    expect(size).toBeNull();
    expect(existsSync(sqliteEventsPath(dataDir))).toBe(false);
  });
});
