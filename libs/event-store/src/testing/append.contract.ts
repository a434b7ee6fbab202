import { ConcurrencyError } from '../errors';
import { comparePositions, isPosition } from '../position';
import {
  ids,
  newEvent,
  newEvents,
  rejectionOf,
  settleAll,
  uniqueStream,
  type ContractContext,
} from './fixtures';

export const describeAppendContract = ({ store, reopen }: ContractContext): void => {
  describe('append', () => {
    it('stores a new stream from version 0 and returns the envelopes as stored', async () => {
      const stream = uniqueStream();
      const events = newEvents(2);
      const result = await store().append(stream, events, { expectedVersion: 'no_stream' });

      expect(result.nextExpectedVersion).toBe(1);
      expect(result.events).toHaveLength(2);
      result.events.forEach((recorded, i) => {
        expect(recorded).toMatchObject({ ...events[i], streamId: stream, streamVersion: i });
        expect(isPosition(recorded.globalPosition)).toBe(true);
        expect(recorded.hash).toMatch(/^[0-9a-f]{64}$/);
      });
      expect(comparePositions(result.events[0].globalPosition, result.events[1].globalPosition)).toBe(-1);
      expect(result.lastPosition).toBe(result.events[1].globalPosition);
      expect(await store().readStream(stream)).toEqual(result.events);
    });

    it('continues a stream when the expected version is its last revision', async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(2), { expectedVersion: 'no_stream' });
      const result = await store().append(stream, newEvents(1), { expectedVersion: 1 });
      expect(result.nextExpectedVersion).toBe(2);
      expect(result.events[0].streamVersion).toBe(2);
    });

    it("appends with 'any' whether or not the stream exists", async () => {
      const stream = uniqueStream();
      expect(
        (await store().append(stream, newEvents(1), { expectedVersion: 'any' })).nextExpectedVersion,
      ).toBe(0);
      expect((await store().append(stream, newEvents(1))).nextExpectedVersion).toBe(1);
    });

    it('rejects no_stream for an existing stream and stores nothing', async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(1));
      const error = await rejectionOf(store().append(stream, newEvents(1), { expectedVersion: 'no_stream' }));
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('rejects a stale or premature expected version', async () => {
      const stream = uniqueStream();
      const premature = await rejectionOf(store().append(stream, newEvents(1), { expectedVersion: 0 }));
      expect(premature).toBeInstanceOf(ConcurrencyError);
      expect(premature).toMatchObject({ expected: 0, actual: 'no_stream' });
      await store().append(stream, newEvents(2));
      const stale = await rejectionOf(store().append(stream, newEvents(1), { expectedVersion: 0 }));
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(stale).toMatchObject({ expected: 0, actual: 1 });
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('lets exactly one of 20 concurrent appends with the same expectation win', async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(1));
      const racers = Array.from({ length: 20 }, () => [newEvent()]);
      const { won, lost } = await settleAll(
        racers.map((e) => store().append(stream, e, { expectedVersion: 0 })),
      );

      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      lost.forEach((error) => expect(error).toBeInstanceOf(ConcurrencyError));
      const stored = await store().readStream(stream);
      expect(ids(stored.slice(1))).toEqual(ids(won[0].events));
    });

    it('gives every version exactly one winner when racing writers re-read and retry', async () => {
      const stream = uniqueStream();
      const writer = async (w: number) => {
        for (let n = 0; n < 3; n++) {
          const event = newEvent({ writer: w, n });
          for (;;) {
            const version = (await store().readStream(stream)).length - 1;
            try {
              await store().append(stream, [event], { expectedVersion: version < 0 ? 'no_stream' : version });
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));

      const stored = await store().readStream(stream);
      expect(stored.map((e) => e.streamVersion)).toEqual(Array.from({ length: 24 }, (_, i) => i));
      expect(new Set(ids(stored)).size).toBe(24);
    });

    describe('idempotent retry', () => {
      it('returns the first result and stores nothing new', async () => {
        const stream = uniqueStream();
        const events = newEvents(3);
        const first = await store().append(stream, events, { expectedVersion: 'no_stream' });
        const retry = await store().append(stream, events, { expectedVersion: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store().readStream(stream)).toEqual(first.events);
      });

      it('answers a retry racing the original with the same result', async () => {
        const stream = uniqueStream();
        const events = newEvents(2);
        const [a, b] = await Promise.all([
          store().append(stream, events, { expectedVersion: 'no_stream' }),
          store().append(stream, events, { expectedVersion: 'no_stream' }),
        ]);
        expect(b).toEqual(a);
        expect(await store().readStream(stream)).toHaveLength(2);
      });

      (reopen ? it : it.skip)('still recognises the retry after a restart', async () => {
        const stream = uniqueStream();
        const events = newEvents(2);
        const first = await store().append(stream, events, { expectedVersion: 'no_stream' });
        const reopened = await reopen!();
        const retry = await reopened.append(stream, events, { expectedVersion: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await reopened.readStream(stream)).toEqual(first.events);
      });
    });
  });
};
