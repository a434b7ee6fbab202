import type { RecordedEvent } from '../envelope';
import { comparePositions } from '../position';
import { ids, newEvents, ofStreams, uniqueStream, type ContractContext } from './fixtures';

const expectAscending = (events: readonly RecordedEvent[]) => {
  for (let i = 1; i < events.length; i++) {
    expect(comparePositions(events[i - 1].globalPosition, events[i].globalPosition)).toBe(-1);
  }
};

export const describeReadContract = ({ store }: ContractContext): void => {
  describe('reads', () => {
    it('reads an unknown stream as empty', async () => {
      expect(await store().readStream(uniqueStream())).toEqual([]);
    });

    it('reads a stream from a version, up to a count', async () => {
      const stream = uniqueStream();
      const { events } = await store().append(stream, newEvents(5));
      expect(await store().readStream(stream, { fromVersion: 2 })).toEqual(events.slice(2));
      expect(await store().readStream(stream, { fromVersion: 1, maxCount: 2 })).toEqual(events.slice(1, 3));
    });

    /** Appends one at a time to two interleaved streams; returns them in append order. */
    const interleave = async () => {
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      const before = await store().headPosition();
      const appended: RecordedEvent[] = [];
      for (const [i, event] of newEvents(6).entries()) {
        appended.push(...(await store().append(i % 2 ? b : a, [event])).events);
      }
      return { a, b, before, appended };
    };

    it('reads all streams in global position order, in the order appends committed', async () => {
      const { a, b, before, appended } = await interleave();
      const all = await store().readAll({ after: before });
      expectAscending(all);
      expect(ids(ofStreams(all, a, b))).toEqual(ids(appended));
      expect(ofStreams(all, a, b)).toEqual(appended);
    });

    it('treats `after` as exclusive', async () => {
      const { a, b, appended } = await interleave();
      const after = appended[2].globalPosition;
      const rest = await store().readAll({ after });
      rest.forEach((e) => expect(comparePositions(e.globalPosition, after)).toBe(1));
      expect(ids(ofStreams(rest, a, b))).toEqual(ids(appended.slice(3)));
    });

    it('pages with maxCount without skipping or repeating events', async () => {
      const { a, b, before, appended } = await interleave();
      const firstPage = await store().readAll({ after: before, maxCount: 2 });
      expect(firstPage).toHaveLength(2);

      const paged: RecordedEvent[] = [];
      let after = before;
      while (ofStreams(paged, a, b).length < appended.length) {
        const page = await store().readAll({ after, maxCount: 2 });
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(2);
        paged.push(...page);
        after = page[page.length - 1].globalPosition;
      }
      expectAscending(paged);
      expect(ids(ofStreams(paged, a, b))).toEqual(ids(appended));
    });

    it('reports a head position at or after the last append', async () => {
      const { lastPosition } = await store().append(uniqueStream(), newEvents(2));
      const head = await store().headPosition();
      expect(head).not.toBeNull();
      expect(comparePositions(head, lastPosition)).toBeGreaterThanOrEqual(0);
    });
  });
};
