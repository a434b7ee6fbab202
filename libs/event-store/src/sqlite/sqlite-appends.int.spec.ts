import Database from 'better-sqlite3';
import { verifyChain } from '../chain';
import { ConcurrencyError, DuplicateEventError, EventStoreError, StoreUnavailableError } from '../errors';
import { newEvent, newEvents, rejectionOf, tempDir } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-appends');
afterAll(() => dir.remove());

let store: SqliteEventStore;
beforeEach(() => {
  store = SqliteEventStore.open({ path: dir.nextFile() });
});
afterEach(() => store.close());

describe('SqliteEventStore group commit', () => {
  it('commits appends issued together in one transaction', async () => {
    const before = store.stats;
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(`group-${i}`, newEvents(2))));
    expect(store.stats).toEqual({ transactions: before.transactions + 1, appends: before.appends + 50 });
    expect(await store.readAll()).toHaveLength(100);
  });

  it('fails a conflicting append alone while the rest of its transaction commits', async () => {
    const { events: stored } = await store.append('shared', newEvents(1));
    const before = store.stats.transactions;
    const outcomes = await Promise.allSettled([
      store.append('shared', newEvents(1), { expectedVersion: 0 }),
      store.append('shared', newEvents(1), { expectedVersion: 0 }),
      // Fails on its second event, after writing the first: the savepoint must undo that write.
      store.append('other', [newEvent(), stored[0]]),
      store.append('other', newEvents(2), { expectedVersion: 'no_stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
    expect(store.stats.transactions).toBe(before + 1);
    for (const stream of ['shared', 'other']) {
      expect(verifyChain(stream, await store.readStream(stream)).ok).toBe(true);
    }
    expect(await store.readStream('other')).toHaveLength(2);
  });

  it('refuses an empty append', async () => {
    await expect(store.append('empty', [])).rejects.toThrow(EventStoreError);
  });
});

describe('SqliteEventStore event ids', () => {
  it('returns the stored result for a retry even after the stream moved on', async () => {
    const events = newEvents(2);
    const first = await store.append('retry', events);
    await store.append('retry', newEvents(1));
    expect(await store.append('retry', events)).toEqual(first);
    expect(await store.append('retry', events, { expectedVersion: 'no_stream' })).toEqual(first);
    expect(await store.readStream('retry')).toHaveLength(3);
  });

  it.each([
    ['in another stream', (e: ReturnType<typeof newEvents>) => ['elsewhere', e, 'any'] as const],
    ['at another place of the stream', (e: ReturnType<typeof newEvents>) => ['ids', e, 1] as const],
    [
      'followed by different ids',
      (e: ReturnType<typeof newEvents>) => ['ids', [e[0], newEvent()], 'any'] as const,
    ],
    ['after new ones', (e: ReturnType<typeof newEvents>) => ['ids', [newEvent(), e[1]], 'any'] as const],
  ])('refuses a stored id reused %s', async (_, reuse) => {
    const stored = newEvents(2);
    await store.append('ids', stored);
    const [stream, events, expectedVersion] = reuse(stored);
    const error = await rejectionOf(store.append(stream, events, { expectedVersion }));
    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(await store.readAll()).toHaveLength(2);
  });
});

describe('SqliteEventStore sharing a file', () => {
  it('reports a write lock held elsewhere as retryable StoreUnavailableError', async () => {
    const path = dir.nextFile();
    const impatient = SqliteEventStore.open({ path, busyTimeoutMs: 20 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await rejectionOf(impatient.append('busy', newEvents(1)));
    other.exec('ROLLBACK');
    other.close();

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retryable).toBe(true);
    await expect(impatient.append('busy', newEvents(1))).resolves.toMatchObject({ nextExpectedVersion: 0 });
    await impatient.close();
  });
});
