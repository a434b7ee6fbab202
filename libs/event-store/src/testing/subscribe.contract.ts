import type { RecordedEvent } from '../envelope';
import { comparePositions } from '../position';
import { collect, gate, settle } from './collector';
import {
  CONTRACT_EVENT_TYPES,
  ids,
  newEvent,
  newEvents,
  uniqueStream,
  type ContractContext,
} from './fixtures';

export const describeSubscribeContract = ({ store }: ContractContext): void => {
  describe('subscribe', () => {
    it('catches up on history, then follows live appends, in order and in bounded batches', async () => {
      const stream = uniqueStream();
      const after = await store().headPosition();
      const history = (await store().append(stream, newEvents(3))).events;
      const collector = collect(store(), { after, batchSize: 2 }, [stream]);
      await collector.until(3);
      const live = (await store().append(stream, newEvents(2))).events;
      const delivered = await collector.until(5);
      await collector.subscription.stop();

      expect(ids(delivered)).toEqual(ids([...history, ...live]));
      const all = collector.batches.flat();
      collector.batches.forEach((batch) => expect(batch.length).toBeLessThanOrEqual(2));
      all
        .slice(1)
        .forEach((e, i) => expect(comparePositions(all[i].globalPosition, e.globalPosition)).toBe(-1));
    });

    it('resumes after a position with exactly the rest, without repeats', async () => {
      const stream = uniqueStream();
      const { events } = await store().append(stream, newEvents(5));
      const collector = collect(store(), { after: events[1].globalPosition }, [stream]);
      await collector.until(3);
      // A later sentinel proves nothing else for this stream was queued before it.
      const sentinel = (await store().append(stream, newEvents(1))).events;
      const delivered = await collector.until(4);
      await collector.subscription.stop();
      expect(ids(delivered)).toEqual(ids([...events.slice(2), ...sentinel]));
    });

    it('given a set of types, hands over only events of those types, in order, and moves on past the others', async () => {
      const stream = uniqueStream();
      const after = await store().headPosition();
      const [wanted, other] = CONTRACT_EVENT_TYPES;
      const mixed = [newEvent({ n: 1 }, other), newEvent({ n: 2 }, wanted), newEvent({ n: 3 }, other)];
      const first = (await store().append(stream, mixed)).events;
      // A run of other events longer than a batch: the subscription must read past it, not stall.
      await store().append(
        stream,
        Array.from({ length: 5 }, () => newEvent({}, other)),
      );
      const last = (await store().append(stream, [newEvent({ n: 4 }, wanted)])).events;
      const collector = collect(store(), { after, batchSize: 2, types: new Set([wanted]) }, [stream]);
      const delivered = await collector.until(2);
      await collector.subscription.stop();

      expect(ids(delivered)).toEqual(ids([first[1], ...last]));
      expect(collector.batches.flat().every((e) => e.type === wanted)).toBe(true);
    });

    it('stops and rejects `done` when the handler throws', async () => {
      const after = await store().headPosition();
      await store().append(uniqueStream(), newEvents(1));
      let calls = 0;
      const subscription = store().subscribe({ after }, async () => {
        calls += 1;
        throw new Error('projection failed');
      });
      await expect(subscription.done).rejects.toThrow('projection failed');
      await store().append(uniqueStream(), newEvents(1));
      await subscription.stop();
      expect(calls).toBe(1);
    });

    it('lets stop() finish the in-flight batch and deliver no further one', async () => {
      const after = await store().headPosition();
      await store().append(uniqueStream(), newEvents(1));
      const entered = gate();
      const release = gate();
      const handled: RecordedEvent[][] = [];
      const subscription = store().subscribe({ after }, async (batch) => {
        entered.open();
        await release.opened;
        handled.push([...batch]);
      });
      await entered.opened;
      let stopped = false;
      const stopping = subscription.stop().then(() => (stopped = true));
      await store().append(uniqueStream(), newEvents(1));
      await settle();
      expect(stopped).toBe(false);

      release.open();
      await stopping;
      await expect(subscription.done).resolves.toBeUndefined();
      expect(handled).toHaveLength(1);
    });
  });
};
