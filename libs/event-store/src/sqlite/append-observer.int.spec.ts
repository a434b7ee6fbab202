import type { AppendObserver } from '../observer';
import { newEvents, tempDir } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('append-observer');
afterAll(() => dir.remove());

/** Records what the store reports, as the metrics adapter would receive it. */
const recorder = () => {
  const appended: { seconds: number; types: readonly string[] }[] = [];
  const committed: number[] = [];
  const observer: AppendObserver = {
    appended: (seconds, types) => appended.push({ seconds, types }),
    committed: (appends) => committed.push(appends),
  };
  return { observer, appended, committed };
};

describe.each([
  ['on its own connection', false],
  ['from a writer thread', true],
])('SqliteEventStore writing %s reports its writes to an AppendObserver', (_, writerThread) => {
  it('one group-commit batch and one report per append, with the types of the events it added', async () => {
    const seen = recorder();
    const store = SqliteEventStore.open({ path: dir.nextFile(), observer: seen.observer, writerThread });
    try {
      // Given 10 appends issued together, of 2 events each,
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(`observed-${i}`, newEvents(2))));
      // then the one transaction that carried them is reported with its size,
      expect(seen.committed).toEqual([10]);
      expect(seen.appended).toHaveLength(10);
      expect(seen.appended.every((a) => a.seconds >= 0 && a.types.length === 2)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('counts no event for an idempotent retry, and no commit for a batch that committed nothing', async () => {
    const seen = recorder();
    const store = SqliteEventStore.open({ path: dir.nextFile(), observer: seen.observer, writerThread });
    try {
      const events = newEvents(3);
      await store.append('retried', events);
      // When the same append is retried, and a conflicting one fails alone,
      await store.append('retried', events);
      await expect(store.append('retried', newEvents(1), { expectedVersion: 0 })).rejects.toThrow();
      // then the retry is answered (and timed) but adds no event types, and the failure reports nothing.
      expect(seen.appended.map((a) => a.types.length)).toEqual([3, 0]);
      expect(seen.committed).toEqual([1, 1]);
    } finally {
      await store.close();
    }
  });
});
