import { hashLink, verifyChain } from '../chain';
import { newEvents, uniqueStream, type ContractContext } from './fixtures';

export const describeChainContract = ({ store, tamper }: ContractContext): void => {
  describe('hash chain', () => {
    it('chains every stream from a null prevHash, across appends and interleaved streams', async () => {
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      for (const size of [1, 3, 2]) {
        await store().append(a, newEvents(size));
        await store().append(b, newEvents(size));
      }
      for (const stream of [a, b]) {
        const events = await store().readStream(stream);
        expect(verifyChain(stream, events)).toEqual({
          ok: true,
          streamId: stream,
          events: 6,
          lastHash: events[5].hash,
        });
        expect(events[0].prevHash).toBeNull();
        events.forEach((e, i) => {
          expect(e.hash).toBe(hashLink(e));
          if (i > 0) expect(e.prevHash).toBe(events[i - 1].hash);
        });
      }
    });

    (tamper ? it : it.skip)('fails verification once a stored event is altered', async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(4));
      const victim = (await store().readStream(stream))[2];
      await tamper!(victim);
      const verdict = verifyChain(stream, await store().readStream(stream));
      expect(verdict).toMatchObject({ ok: false, brokenAt: 2 });
    });
  });
};
