import { newEvents, uniqueStream, type ContractContext } from './fixtures';

/**
 * Change marks let a cache skip a read; a store may decline to give them (then callers always
 * read), but a mark it gives must never vouch for a stream that was appended to since.
 */
export const describeChangeMarkContract = ({ store }: ContractContext): void => {
  describe('change marks', () => {
    it('never vouches for a stream appended to after the mark was taken', async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(1));
      const mark = store().changeMark();
      if (mark === undefined) return;
      await store().append(stream, newEvents(1));
      expect(store().unchangedSince(stream, mark)).toBe(false);
    });

    it("gives an append's mark only for the version that append left", async () => {
      const stream = uniqueStream();
      const { nextExpectedVersion } = await store().append(stream, newEvents(2));
      const mark = store().markOfAppend(stream, nextExpectedVersion);
      expect(store().markOfAppend(stream, nextExpectedVersion - 1)).toBeUndefined();
      if (mark === undefined) return;
      expect(store().unchangedSince(stream, mark)).toBe(true);
      await store().append(stream, newEvents(1));
      expect(store().unchangedSince(stream, mark)).toBe(false);
    });
  });
};
