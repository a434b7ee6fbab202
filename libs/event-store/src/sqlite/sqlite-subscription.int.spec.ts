import { CONTRACT_EVENT_TYPES, newEvent, newEvents, tempDir } from '../testing';
import { ids } from '../testing/fixtures';
import { collect } from '../testing/collector';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-subscription');
afterAll(() => dir.remove());

describe('SqliteEventStore subscriptions', () => {
  it('given types, when the log ends with events of other types, then the handler is told it read through to the head', async () => {
    const store = SqliteEventStore.open({ path: dir.nextFile() });
    const [wanted, other] = CONTRACT_EVENT_TYPES;
    const kept = (await store.append('s', [newEvent({}, wanted)])).events;
    const skipped = (await store.append('s', [newEvent({}, other), newEvent({}, other)])).events;
    const seen: { events: string[]; through: string }[] = [];
    const caughtUp = new Promise<void>((resolve) => {
      const subscription = store.subscribe(
        { after: null, batchSize: 2, types: new Set([wanted]) },
        async (events, through) => {
          seen.push({ events: ids(events), through });
          if (through === skipped[1].globalPosition) void subscription.stop().then(resolve);
        },
      );
    });
    await caughtUp;
    await store.close();

    expect(seen).toEqual([
      { events: ids(kept), through: skipped[0].globalPosition },
      { events: [], through: skipped[1].globalPosition },
    ]);
  });

  it('finds appends made through another connection by polling', async () => {
    const path = dir.nextFile();
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 20 });
    const writer = SqliteEventStore.open({ path });
    const collector = collect(reader, { after: null }, ['elsewhere']);
    const { events } = await writer.append('elsewhere', newEvents(3));
    expect(await collector.until(3)).toEqual(events);
    await Promise.all([reader.close(), writer.close()]);
  });

  it("reads another connection's commit at once when told of it, with the head it reached", async () => {
    // Given a follower whose poll would take a minute, and a writer that reports its commits
    const path = dir.nextFile();
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 60_000 });
    const writer = SqliteEventStore.open({ path });
    const heads: string[] = [];
    const unlisten = writer.onCommit((head) => {
      heads.push(head);
      reader.committedElsewhere();
    });
    const collector = collect(reader, { after: null }, ['elsewhere']);
    // Let the follower reach the (empty) end of the log and sleep
    await new Promise((resolve) => setTimeout(resolve, 50));
    // When the writer commits
    const { events } = await writer.append('elsewhere', newEvents(3));
    // Then the follower has the events long before its poll, and the writer reported the new head
    const started = Date.now();
    expect(await collector.until(3)).toEqual(events);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(heads).toEqual([events[2].globalPosition]);
    unlisten();
    await writer.append('elsewhere', newEvents(1));
    expect(heads).toHaveLength(1);
    await Promise.all([reader.close(), writer.close()]);
  });

  it('yields to the event loop between batches of a long catch-up', async () => {
    const store = SqliteEventStore.open({ path: dir.nextFile() });
    await store.append('history', newEvents(20));
    let handled = 0;
    const subscription = store.subscribe({ after: null, batchSize: 1 }, async () => {
      handled += 1;
    });
    // Without yielding, all 20 batches would run on microtasks before this callback.
    const handledWhenIoRan = await new Promise<number>((resolve) => setImmediate(() => resolve(handled)));
    await store.close();
    expect(handledWhenIoRan).toBeLessThan(20);
    await expect(subscription.done).resolves.toBeUndefined();
  });
});
