import { newEvents, tempDir } from '../testing';
import { collect } from '../testing/collector';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-subscription');
afterAll(() => dir.remove());

describe('SqliteEventStore subscriptions', () => {
  it('finds appends made through another connection by polling', async () => {
    const path = dir.nextFile();
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 20 });
    const writer = SqliteEventStore.open({ path });
    const collector = collect(reader, { after: null }, ['elsewhere']);
    const { events } = await writer.append('elsewhere', newEvents(3));
    expect(await collector.until(3)).toEqual(events);
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
