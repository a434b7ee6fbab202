import { EventStoreError, StoreUnavailableError } from '../errors';
import { newEvents, tempDir, uniqueStream } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('writer-thread');
afterAll(() => dir.remove());

const exitOn = (streamId: string) => ({
  // A file path the thread can require as it is (the TypeScript hook resolves only relative imports).
  module: require.resolve('../testing/exit-hook'),
  factory: 'exitOnStream',
  options: { streamId },
});

describe('SqliteEventStore with the writer in a worker thread', () => {
  it('given appends in flight, when the writer thread dies mid-transaction, then they and later appends fail as unavailable and none of theirs is stored', async () => {
    // Given a store whose thread ends in the transaction that appends to the fatal stream
    const path = dir.nextFile();
    const fatal = uniqueStream('fatal');
    const store = SqliteEventStore.open({ path, writerThread: true, commitHook: exitOn(fatal) });
    const before = await store.append(uniqueStream('before'), newEvents(1));
    expect(store.unavailable()).toBeUndefined();

    // When it is sent appends, one of them to that stream
    const inFlight = [fatal, uniqueStream('beside')].map((stream) => store.append(stream, newEvents(2)));

    // Then every one of them fails in the store's family, as retryable, and so does the next
    for (const append of inFlight) await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.append(uniqueStream('after'), newEvents(1))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    // And the store says so for good, for readiness and liveness to report, while reads go on
    expect(store.unavailable()).toBeInstanceOf(StoreUnavailableError);
    expect(store.unavailable()?.message).toMatch(/writer thread stopped \(exit code 70\)/);
    expect(await store.headPosition()).toEqual(before.lastPosition);
    await store.close();
    // And the file holds what was acknowledged before, nothing of the dead transaction
    const reopened = SqliteEventStore.open({ path });
    expect((await reopened.readAll()).map((e) => e.eventId)).toEqual(before.events.map((e) => e.eventId));
    await reopened.close();
  });

  it('given appends not yet answered, when the store closes, then every one is answered and committed first', async () => {
    // Given 200 appends made at once
    const path = dir.nextFile();
    const store = SqliteEventStore.open({ path, writerThread: true });
    const appends = Array.from({ length: 200 }, (_, n) => store.append(`closing-${n % 7}`, newEvents(1)));

    // When the store closes without waiting for them
    await store.close();

    // Then each was answered, in group commits, and is in the file; a closed store lost nothing
    await expect(Promise.all(appends)).resolves.toHaveLength(200);
    expect(store.unavailable()).toBeUndefined();
    expect(store.stats.appends).toBe(200);
    expect(store.stats.transactions).toBeLessThan(200);
    const reopened = SqliteEventStore.open({ path });
    expect(await reopened.readAll()).toHaveLength(200);
    await reopened.close();
  });

  it('given a commit hook as a function, when a store with a writer thread opens, then it is refused', () => {
    // A function cannot cross to the thread: it must be named by module (CommitHookModule).
    expect(() =>
      SqliteEventStore.open({ path: dir.nextFile(), writerThread: true, commitHook: () => undefined }),
    ).toThrow(EventStoreError);
  });
});
