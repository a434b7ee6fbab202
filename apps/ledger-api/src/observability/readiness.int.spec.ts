import { SqliteEventStore } from '@credence/event-store/sqlite';
import { newEvents, tempDir } from '@credence/event-store/testing';
import { eventStoreComponent, liveness } from './readiness';

const dir = tempDir('readiness');
afterAll(() => dir.remove());

/** A store whose writer thread ends in the transaction that appends to `fatal` (as a crash of it would). */
const storeDyingOn = (fatal: string) =>
  SqliteEventStore.open({
    path: dir.nextFile(),
    writerThread: true,
    commitHook: {
      module: require.resolve('../../../../libs/event-store/src/testing/exit-hook'),
      factory: 'exitOnStream',
      options: { streamId: fatal },
    },
  });

const appendTo = (store: SqliteEventStore, streamId: string) =>
  store.append(streamId, newEvents(1, streamId));

describe('readiness and liveness of the event store', () => {
  it('given a writer thread that stopped, then the store is down for readiness and liveness alike, saying why', async () => {
    // Given a store in thread mode that has appended
    const store = storeDyingOn('fatal');
    await appendTo(store, 'first');
    expect(await eventStoreComponent(store)).toEqual({ status: 'up', head: '1' });
    expect(liveness(store)).toEqual({ status: 'ok' });

    // When its writer thread dies
    await expect(appendTo(store, 'fatal')).rejects.toThrow(/writer thread stopped/);

    // Then readiness and liveness say it cannot append until a restart, and why
    expect(await eventStoreComponent(store)).toEqual({
      status: 'down',
      message: expect.stringMatching(/writer thread stopped \(exit code 70\)/),
      appends: 'failing until restarted',
    });
    expect(liveness(store)).toEqual({
      status: 'error',
      eventStore: expect.stringMatching(/writer thread stopped/),
    });
    await store.close();
  });

  it('given an inline writer, then it is up and live', async () => {
    const store = SqliteEventStore.open({ path: dir.nextFile() });
    await appendTo(store, 'one');
    expect(await eventStoreComponent(store)).toEqual({ status: 'up', head: '1' });
    expect(liveness(store)).toEqual({ status: 'ok' });
    await store.close();
  });
});
